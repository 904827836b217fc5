import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "#db/client";
import { requestAddress } from "~/auth/client-address.server";
import { beginLoginAttempt, loginSucceeded } from "~/auth/login-limits.server";
import { getUser, startSession } from "~/auth/session.server";
import { getFormProps, getInputProps } from "@conform-to/react";
import { Alert, Button, Field, Input } from "~/components/ui";
import { safeRedirect } from "~/lib/form";
import { message } from "~/lib/forms/message";
import { parseForm } from "~/lib/forms/parse";
import { loginSchema } from "~/lib/forms/schemas/account";
import { useKeyedForm, useMessageText } from "~/lib/forms/use-keyed-form";
import { verifyCredentials } from "~/services/users.server";

export const meta: MetaFunction = () => [{ title: "Rolecall · Sign in" }];

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getUser(request)) throw redirect("/");
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseForm(await request.formData(), loginSchema);
  const hideFields = ["password"];
  if (submission.status !== "success") return data(submission.reply({ hideFields }), { status: 400 });
  const { email, password, next } = submission.value;
  const db = await getDb();
  // counted before the password is checked (app/auth/login-limits.server.ts); the address is the
  // socket's peer unless TRUST_PROXY names the proxy that forwarded the request
  const attempt = await beginLoginAttempt(db, email, requestAddress(request, context));
  if (attempt.retryAfterMs > 0) {
    const seconds = Math.ceil(attempt.retryAfterMs / 1000);
    const reply = submission.reply({ formErrors: [message("login.rateLimited", { seconds })], hideFields });
    return data(reply, { status: 429, headers: { "Retry-After": String(seconds) } });
  }
  const user = await verifyCredentials(db, email, password);
  if (!user) return data(submission.reply({ formErrors: [message("login.invalid")], hideFields }), { status: 401 });
  await loginSucceeded(db, attempt);
  const cookie = await startSession(request, user.id);
  throw redirect(safeRedirect(next), { headers: { "Set-Cookie": cookie } });
}

export default function Login() {
  const { t } = useTranslation();
  const [form, fields] = useKeyedForm(loginSchema, useActionData<typeof action>());
  const text = useMessageText();
  const [params] = useSearchParams();
  const busy = useNavigation().state !== "idle";
  return (
    <main className="mx-auto mt-20 max-w-sm px-4">
      <h1 className="mb-6 text-2xl font-semibold">{t("login.title")}</h1>
      <Form method="post" className="space-y-4" {...getFormProps(form)}>
        <input type="hidden" name="next" value={params.get("next") ?? "/"} />
        <Field label={t("login.email")} error={text(fields.email.errors)}>
          <Input {...getInputProps(fields.email, { type: "email" })} autoComplete="username" required autoFocus />
        </Field>
        <Field label={t("login.password")} error={text(fields.password.errors)}>
          <Input {...getInputProps(fields.password, { type: "password" })} autoComplete="current-password" required />
        </Field>
        {form.errors && <Alert>{text(form.errors)}</Alert>}
        <Button type="submit" disabled={busy} className="w-full">
          {t("login.submit")}
        </Button>
      </Form>
      <p className="mt-6 text-xs text-slate-500">{t("login.inviteOnly")}</p>
    </main>
  );
}
