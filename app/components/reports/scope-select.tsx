import { Form, useSubmit } from "@remix-run/react";
import { Field, Select } from "~/components/ui";

/** The reports' choice of scope (overall, a dimension, a metric): a GET form that reloads on change,
 *  with a button for browsers without scripts. */
export function ScopeSelect(p: { label: string; show: string; scope: string; scopes: readonly string[]; nameOf: (s: string) => string }) {
  const submit = useSubmit();
  return (
    <Form
      method="get"
      preventScrollReset
      className="mb-3 max-w-xs"
      onChange={(e) => submit(e.currentTarget, { preventScrollReset: true, replace: true })}
    >
      <Field label={p.label}>
        <Select name="scope" defaultValue={p.scope}>
          {p.scopes.map((s) => (
            <option key={s} value={s}>
              {p.nameOf(s)}
            </option>
          ))}
        </Select>
      </Field>
      <noscript>
        <button type="submit">{p.show}</button>
      </noscript>
    </Form>
  );
}
