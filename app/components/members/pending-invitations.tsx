import { useTranslation } from "react-i18next";
import type { MemberRole } from "~/domain/roles";
import { IntentButton } from "../intent-button";

export type PendingInvitation = { id: number; email: string; role: MemberRole; groupName: string | null; expiresAt: string };

/** The project's open invitations, each with a new link (the old one stops working) and a revoke. */
export function PendingInvitations({ pending }: { pending: PendingInvitation[] }) {
  const { t } = useTranslation();
  if (pending.length === 0) return null;
  return (
    <>
      <h3 className="mt-6 mb-2 text-sm font-semibold">{t("members.pending")}</h3>
      <ul className="divide-y divide-slate-100 text-sm text-slate-600" data-testid="pending-invitations">
        {pending.map((p) => (
          <li key={p.id} className="flex items-center justify-between gap-3 py-1.5">
            <span>
              {p.email} · {t(`role.${p.role}`)}
              {p.groupName ? ` · ${p.groupName}` : ""}{" "}
              <span className="text-xs text-slate-400">({t("accounts.members.expires", { date: p.expiresAt.slice(0, 10) })})</span>
            </span>
            <span className="flex shrink-0 gap-3">
              <IntentButton intent="renew-invitation" fields={{ invitationId: p.id }} className="text-xs text-brand-700 hover:underline">
                {t("accounts.members.renew")}
              </IntentButton>
              <IntentButton
                intent="revoke-invitation"
                fields={{ invitationId: p.id }}
                className="text-xs text-red-600 hover:underline"
                onSubmit={(e) => {
                  if (!window.confirm(t("accounts.members.confirmRevoke", { email: p.email }))) e.preventDefault();
                }}
              >
                {t("accounts.members.revoke")}
              </IntentButton>
            </span>
          </li>
        ))}
      </ul>
    </>
  );
}
