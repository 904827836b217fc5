import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { getDb } from "#db/client";
import { getUser } from "~/auth/session.server";
import { isLocale, LOCALE_COOKIE } from "~/i18n/config";
import { safeRedirect, str } from "~/lib/form";
import { setLocale } from "~/services/users.server";

/** The language switch: remembered in a cookie for a year, and on the account when signed in. */
export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const locale = str(form, "locale");
  if (!isLocale(locale)) throw new Response("Unknown language", { status: 400 });
  const user = await getUser(request);
  if (user) await setLocale(await getDb(), user.id, locale);
  throw redirect(safeRedirect(str(form, "redirectTo")), {
    headers: { "Set-Cookie": `${LOCALE_COOKIE}=${locale}; Path=/; Max-Age=31536000; SameSite=Lax` },
  });
}

export async function loader() {
  throw redirect("/");
}
