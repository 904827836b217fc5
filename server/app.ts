import crypto from "node:crypto";
import path from "node:path";
import type { ServerBuild } from "@remix-run/node";
import express from "express";
import type { AppEnv } from "../app/lib/env.server";
import { isForeignOrigin } from "../app/lib/origin";
import { hotApi } from "./hot-api";
import { createRequestHandler } from "./remix-handler";

const root = path.resolve(import.meta.dirname, "..");

export async function createApp(env: AppEnv) {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", "loopback");

  app.use((req, res, next) => {
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("Referrer-Policy", "same-origin");
    res.setHeader("X-Frame-Options", "DENY");
    if (
      isForeignOrigin({
        method: req.method,
        origin: req.get("origin"),
        host: req.get("host"),
        protocol: req.protocol,
        configuredOrigin: env.origin,
      })
    ) {
      res.status(403).type("text/plain").send("Cross-origin request refused");
      return;
    }
    const length = Number(req.get("content-length") || 0);
    if (length > env.uploadLimitBytes) {
      res.status(413).type("text/plain").send(`Request larger than the limit of ${env.uploadLimitBytes} bytes`);
      return;
    }
    next();
  });

  // the CSP nonce is made when a page is rendered (entry.server reads it), not for every JSON answer
  const getLoadContext = (_req: express.Request, res: express.Response) => ({
    get nonce(): string {
      return (res.locals.nonce ??= crypto.randomBytes(16).toString("base64"));
    },
  });
  let build: ServerBuild | (() => Promise<ServerBuild>);
  if (env.production) {
    build = (await import(path.join(root, "build/server/index.js"))) as ServerBuild;
    // the task API's hot endpoints first: the static middleware would look for each of them on disk
    app.use(hotApi(build, getLoadContext));
    app.use("/assets", express.static(path.join(root, "build/client/assets"), { immutable: true, maxAge: "1y", dotfiles: "deny" }));
    app.use(express.static(path.join(root, "build/client"), { maxAge: "1h", dotfiles: "deny", index: false }));
  } else {
    const vite = await import("vite");
    const devServer = await vite.createServer({ root, server: { middlewareMode: true } });
    app.use(devServer.middlewares);
    build = () => devServer.ssrLoadModule("virtual:remix/server-build") as Promise<ServerBuild>;
  }

  app.all("*", createRequestHandler({ build, mode: env.production ? "production" : "development", getLoadContext }));
  return app;
}
