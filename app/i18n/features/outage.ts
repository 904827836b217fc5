// The page the server answers (503) while the database cannot be reached (server/database-outage.ts).
// The server renders it itself, outside React, so these are read directly rather than through i18next.
const en = {
  title: "Rolecall is briefly unavailable",
  body: "The database cannot be reached right now. This page tries again by itself in a few seconds.",
  retry: "Try again",
};

const zh: typeof en = {
  title: "Rolecall 暂时无法使用",
  body: "目前无法连接数据库。本页会在几秒后自动重试。",
  retry: "重试",
};

export default { en, zh };
