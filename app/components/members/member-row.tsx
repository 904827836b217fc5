import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { memberRoles, type MemberRole } from "~/domain/roles";

export type Member = { userId: string; email: string; canSignIn: boolean; role: MemberRole; groupName: string | null };

const control = "rounded border border-slate-300 bg-white px-1.5 py-0.5 text-sm";

/** One member: role and group changed in place (one form per row, its fields tied to it by id), and a
 *  removal that asks first. */
export function MemberRow({ member: m, isMe }: { member: Member; isMe: boolean }) {
  const { t } = useTranslation();
  const formId = `member-${m.userId}`;
  return (
    <tr className="border-t border-slate-100" data-testid="member-row">
      <td className="py-1.5">
        {m.email} {isMe && <span className="text-xs text-slate-500">({t("members.you")})</span>}
        {!m.canSignIn && <span className="ml-1 text-xs text-amber-700">({t("members.noSignIn")})</span>}
      </td>
      <td>
        <select form={formId} name="role" defaultValue={m.role} aria-label={t("members.roleOf", { email: m.email })} className={control}>
          {memberRoles.map((r) => (
            <option key={r} value={r}>
              {t(`role.${r}`)}
            </option>
          ))}
        </select>
      </td>
      <td>
        <input
          form={formId}
          name="group"
          defaultValue={m.groupName ?? ""}
          maxLength={50}
          aria-label={t("members.groupOf", { email: m.email })}
          className={`${control} w-24`}
        />
      </td>
      <td className="space-x-3 text-right whitespace-nowrap">
        <Form method="post" id={formId} className="inline">
          <input type="hidden" name="userId" value={m.userId} />
          <button name="intent" value="change" className="text-xs text-brand-700 hover:underline">
            {t("members.save")}
          </button>
        </Form>
        <Form
          method="post"
          className="inline"
          onSubmit={(e) => {
            if (!window.confirm(t("members.confirmRemove", { email: m.email }))) e.preventDefault();
          }}
        >
          <input type="hidden" name="userId" value={m.userId} />
          <button name="intent" value="remove" className="text-xs text-red-600 hover:underline">
            {t("members.remove")}
          </button>
        </Form>
      </td>
    </tr>
  );
}
