// Messages of the account pages: accepting an invitation, setting a first password through an admin's
// link, and managing pending invitations on the members page (namespace key "accounts").
const en = {
  invite: {
    needsActivation:
      "An account for {{email}} exists but has no password yet. An admin of this Rolecall server must activate it first: they give its owner a one-time link to set a password. Then sign in and open this invitation again; it stays open until {{date}}.",
    signIn: "Sign in",
  },
  refused: {
    needsActivation: "This account has no password yet: an admin must activate it before it can accept the invitation.",
    signInAs: "Sign in as {{email}} to accept this invitation.",
    accountExists: "An account for {{email}} exists now: sign in with it and open this link again.",
    hasPassword: "This account already has a password: sign in with it.",
    passwordRule: "The password needs at least 8 characters (and at most 512).",
    invalidLink: "This link is invalid, expired or already used.",
    mismatch: "The two passwords differ.",
  },
  password: {
    title: "Set your password",
    intro: "Choose a password for {{email}}. This link works once and expires on {{date}}.",
    password: "New password",
    hint: "At least 8 characters.",
    confirm: "Repeat the password",
    submit: "Set password and sign in",
  },
  members: {
    expires: "expires {{date}}",
    renew: "New link",
    revoke: "Revoke",
    confirmRevoke: "Revoke the invitation for {{email}}? Its link stops working.",
    revoked: "The invitation for {{email}} is revoked; its link no longer works.",
    renewed: "New link for {{email}}: the previous link no longer works. It is shown only now and expires in 7 days.",
    notFound: "No such pending invitation in this project.",
    copy: "Copy",
    copied: "Copied",
  },
};

const zh: typeof en = {
  invite: {
    needsActivation:
      "{{email}} 的账户已存在，但尚未设置密码。须先由本 Rolecall 服务器的管理员激活：管理员会给账户本人一个一次性的设置密码链接。设置后请登录，再打开本邀请；邀请在 {{date}} 前有效。",
    signIn: "登录",
  },
  refused: {
    needsActivation: "该账户尚未设置密码：须由管理员激活后才能接受邀请。",
    signInAs: "请以 {{email}} 登录后再接受邀请。",
    accountExists: "{{email}} 的账户现已存在：请用它登录，再打开此链接。",
    hasPassword: "该账户已有密码：请直接登录。",
    passwordRule: "密码至少 8 个字符（最多 512 个）。",
    invalidLink: "链接无效、已过期或已被使用。",
    mismatch: "两次输入的密码不一致。",
  },
  password: {
    title: "设置密码",
    intro: "为 {{email}} 设置密码。此链接只能使用一次，{{date}} 失效。",
    password: "新密码",
    hint: "至少 8 个字符。",
    confirm: "再次输入密码",
    submit: "设置密码并登录",
  },
  members: {
    expires: "{{date}} 到期",
    renew: "新链接",
    revoke: "撤销",
    confirmRevoke: "撤销对 {{email}} 的邀请？其链接将失效。",
    revoked: "对 {{email}} 的邀请已撤销，其链接已失效。",
    renewed: "{{email}} 的新链接：旧链接已失效。新链接只显示这一次，7 天后过期。",
    notFound: "本项目中没有这条待接受的邀请。",
    copy: "复制",
    copied: "已复制",
  },
};

export default { en, zh };
