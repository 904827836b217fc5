import crypto from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import type { ServerBuild } from "@remix-run/node";
import express from "express";
import type { AppEnv } from "../app/lib/env.server";
import { passEdge } from "./edge";
import { hotApi, type HotApi } from "./hot-api";
import { createRequestHandler } from "./remix-handler";

const root = path.resolve(import.meta.dirname, "..");

/** The server's request listener: the task API's hot endpoints (production build) straight to their
 *  route modules, everything else through Express to the static files and Remix. */
export async function createApp(env: AppEnv): Promise<(req: IncomingMessage, res: ServerResponse) => void> {
  const edge = { origin: env.origin, uploadLimitBytes: env.uploadLimitBytes };
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", "loopback");
  app.use((req, res, next) => {
    if (passEdge(req, res, edge)) next();
  });

  // the CSP nonce is made when a page is rendered (entry.server reads it), not for every JSON answer
  const getLoadContext = (_req: express.Request, res: express.Response) => ({
    get nonce(): string {
      return (res.locals.nonce ??= crypto.randomBytes(16).toString("base64"));
    },
  });
  let build: ServerBuild | (() => Promise<ServerBuild>);
  let hot: HotApi = () => false;
  if (env.production) {
    build = (await import(path.join(root, "build/server/index.js"))) as ServerBuild;
    hot = hotApi(build, edge);
    app.use("/assets", express.static(path.join(root, "build/client/assets"), { immutable: true, maxAge: "1y", dotfiles: "deny" }));
    app.use(express.static(path.join(root, "build/client"), { maxAge: "1h", dotfiles: "deny", index: false }));
  } else {
    const vite = await import("vite");
    const devServer = await vite.createServer({ root, server: { middlewareMode: true } });
    app.use(devServer.middlewares);
    build = () => devServer.ssrLoadModule("virtual:remix/server-build") as Promise<ServerBuild>;
  }

  app.all("*", createRequestHandler({ build, mode: env.production ? "production" : "development", getLoadContext }));
  return (req, res) => {
    if (!hot(req, res)) app(req, res);
  };
}
