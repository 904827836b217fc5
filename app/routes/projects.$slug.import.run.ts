// Receives an import upload (multipart), streams each file to a private temp folder (bounded memory),
// validates (intent=validate) or imports (intent=import), and answers JSON. Managers only.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { ActionFunctionArgs } from "@remix-run/node";
import {
  NodeOnDiskFile,
  unstable_composeUploadHandlers as composeUploadHandlers,
  unstable_createFileUploadHandler as createFileUploadHandler,
  unstable_createMemoryUploadHandler as createMemoryUploadHandler,
  unstable_parseMultipartFormData as parseMultipartFormData,
} from "@remix-run/node";
import { getDb } from "#db/client";
import { requireProject } from "~/auth/guards.server";
import { loadEnv } from "~/lib/env.server";
import { AppError, badRequest } from "~/lib/errors";
import { apiHandler } from "~/lib/http.server";
import { importCharacterEval, importGeneric, ImportRejected } from "~/services/import.server";

const MAX_MODELS = 12;
/** the uploader's file name is shown in messages only, never used as a path */
const clean = (name: string) => name.replace(/[^\p{L}\p{N}._\- ]/gu, "_").slice(0, 120) || "upload";

export async function action({ request, params }: ActionFunctionArgs) {
  return apiHandler(async () => {
    const { project } = await requireProject(request, params.slug!, "manage");
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rolecall-upload-"));
    try {
      const limit = loadEnv().uploadLimitBytes;
      const uploadedNames = new Map<string, string>();
      const displayName = (f: NodeOnDiskFile) => uploadedNames.get(f.name) ?? "upload";
      const form = await parseMultipartFormData(
        request,
        composeUploadHandlers(
          createFileUploadHandler({
            directory: dir,
            maxPartSize: limit,
            file: ({ filename }) => {
              const onDisk = `${crypto.randomUUID()}.part`;
              uploadedNames.set(onDisk, clean(filename));
              return onDisk;
            },
          }),
          createMemoryUploadHandler({ maxPartSize: 10_000 }),
        ),
      ).catch((e) => {
        throw new AppError(413, `Upload refused: ${(e as Error).message}`);
      });
      const file = (name: string) => {
        const f = form.get(name) as unknown;
        return f instanceof NodeOnDiskFile && f.size > 0 ? f : null;
      };
      const source = (f: NodeOnDiskFile) => ({ source: fs.createReadStream(f.getFilePath()), name: displayName(f) });
      const dryRun = form.get("intent") !== "import";
      const db = await getDb();
      let summary;
      if (form.get("mode") === "generic") {
        const dialogues = file("g_dialogues");
        if (!dialogues) throw badRequest("Choose a dialogues file", "g_dialogues");
        const gen = (f: NodeOnDiskFile) => ({ chunks: fs.createReadStream(f.getFilePath()), file: displayName(f) });
        const responses = (form.getAll("g_responses") as unknown[]).filter((f): f is NodeOnDiskFile => f instanceof NodeOnDiskFile && f.size > 0);
        summary = await importGeneric(
          db,
          project,
          { dialogues: gen(dialogues), profiles: file("g_profiles") ? gen(file("g_profiles")!) : undefined, subsets: file("g_subsets") ? gen(file("g_subsets")!) : undefined, responses: responses.map(gen) },
          { dryRun },
        );
      } else {
        const dialogues = file("dialogues");
        const profiles = file("profiles");
        if (!dialogues) throw badRequest("Choose the dialogues file (test_data.jsonl)", "dialogues");
        if (!profiles) throw badRequest("Choose the profiles file (character_profiles.json)", "profiles");
        const responses = [];
        for (let i = 0; i < MAX_MODELS; i++) {
          const f = file(`responses_${i}`);
          if (!f) continue;
          const model = String(form.get(`model_${i}`) ?? "").trim();
          if (!model) throw badRequest(`Name the model of ${displayName(f)}`, `model_${i}`);
          responses.push({ model, ...source(f) });
        }
        const metrics = file("metrics");
        summary = await importCharacterEval(db, project, { dialogues: source(dialogues), profiles: source(profiles), metrics: metrics ? source(metrics) : undefined, responses }, { dryRun });
      }
      return Response.json({ ok: true, summary });
    } catch (e) {
      if (e instanceof ImportRejected) {
        return Response.json({ ok: false, errors: e.errors.map((x) => ({ message: x.message, file: x.file, line: x.line ?? null, record: x.record ?? null, field: x.field ?? null })), truncated: e.truncated }, { status: 400 });
      }
      throw e;
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
}
