import { Form } from "@remix-run/react";
import type { FormEvent, ReactNode } from "react";

/** A one-button form that posts an intent (and the ids it acts on) to the page's action. */
export function IntentButton({
  intent,
  fields,
  className,
  onSubmit,
  children,
}: {
  intent: string;
  fields: Record<string, string | number>;
  className: string;
  onSubmit?: (e: FormEvent<HTMLFormElement>) => void;
  children: ReactNode;
}) {
  return (
    <Form method="post" onSubmit={onSubmit}>
      <input type="hidden" name="intent" value={intent} />
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button className={className}>{children}</button>
    </Form>
  );
}
