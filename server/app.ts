import crypto from "node:crypto";
import fs from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import type { ServerBuild } from "@remix-run/node";
import express from "express";
import { ConfigError, type AppEnv } from "../app/lib/env.server";
import { passEdge } from "./edge";
import { failRequest } from "./failure";
import { hotApi, type HotApi } from "./hot-api";
import { createRequestHandler } from "./remix-handler";

const root = path.resolve(import.meta.dirname, "..");

/** The server's request listener: the task API's hot endpoints (production build) straight to their
 *  route modules, everything else through Express to the static files and Remix. An error no route
 *  answered ends in failRequest (logged, 500), never in the process's death. */
export async function createApp(env: AppEnv): Promise<(req: IncomingMessage, res: ServerResponse) => void> {
  const edge = { origin: env.origin, uploadLimitBytes: env.uploadLimitBytes, formLimitBytes: env.formLimitBytes };
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", "loopback");
  app.use((req, res, next) => {
    if (passEdge(req, res, edge)) next();
  });

  // the CSP nonce is made when a page is rendered (entry.server reads it), not for every JSON answer;
  // the socket's peer address is what the sign-in limits count (forwarded headers only per TRUST_PROXY,
  // app/auth/client-address.server.ts), never Express's req.ip
  const getLoadContext = (req: express.Request, res: express.Response) => ({
    get nonce(): string {
      return (res.locals.nonce ??= crypto.randomBytes(16).toString("base64"));
    },
    peerAddress: req.socket.remoteAddress ?? "",
  });
  let build: ServerBuild | (() => Promise<ServerBuild>);
  let hot: HotApi = () => false;
  if (env.production) {
    const built = path.join(root, "build/server/index.js");
    if (!fs.existsSync(built)) throw new ConfigError(`the production build is missing (${built}): run \`npm run build\` first.`);
    build = (await import(built)) as ServerBuild;
    hot = hotApi(build, edge);
    app.use("/assets", express.static(path.join(root, "build/client/assets"), { immutable: true, maxAge: "1y", dotfiles: "deny" }));
    app.use(express.static(path.join(root, "build/client"), { maxAge: "1h", dotfiles: "deny", index: false }));
  } else {
    const vite = await import("vite");
    const devServer = await vite.createServer({ root, server: { middlewareMode: true } });
    app.use(devServer.middlewares);
    build = () => devServer.ssrLoadModule("virtual:remix/server-build") as Promise<ServerBuild>;
  }

  app.all("*", createRequestHandler({ build, mode: env.production ? "production" : "development", getLoadContext, edge }));
  app.use((error: unknown, req: express.Request, res: express.Response, _next: express.NextFunction) => failRequest(error, req, res));
  return (req, res) => {
    try {
      if (!hot(req, res)) app(req, res);
    } catch (e) {
      failRequest(e, req, res);
    }
  };
}
