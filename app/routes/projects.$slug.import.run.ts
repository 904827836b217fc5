// Receives an import upload (multipart), streams each file to a private temp folder (bounded memory),
// validates (intent=validate) or imports (intent=import), and answers JSON. Managers only.
import crypto from "node:crypto";
import type { ActionFunctionArgs } from "@remix-run/node";
import {
  MaxPartSizeExceededError,
  NodeOnDiskFile,
  unstable_composeUploadHandlers as composeUploadHandlers,
  unstable_createFileUploadHandler as createFileUploadHandler,
  unstable_createMemoryUploadHandler as createMemoryUploadHandler,
  unstable_parseMultipartFormData as parseMultipartFormData,
} from "@remix-run/node";
import { getDb } from "#db/client";
import type { Project } from "~/services/projects.server";
import { requireProject } from "~/auth/guards.server";
import { loadEnv } from "~/lib/env.server";
import { invalid, isAppError, keyedError } from "~/lib/errors";
import { checkCorpusImport } from "~/lib/forms/schemas/imports";
import { apiHandler } from "~/lib/http.server";
import { UploadFolder } from "~/lib/upload-folder.server";
import { importCharacterEval, importGeneric, ImportRejected } from "~/services/import.server";

const MAX_MODELS = 12;
/** the uploader's file name is shown in messages only, never used as a path */
const clean = (name: string) => name.replace(/[^\p{L}\p{N}._\- ]/gu, "_").slice(0, 120) || "upload";

export async function action({ request, params }: ActionFunctionArgs) {
  return apiHandler(async () => {
    const { project, user } = await requireProject(request, params.slug!, "manage");
    return UploadFolder.use(async (upload) => {
      try {
        return Response.json({ ok: true, summary: await runImport(request, project, upload, user.id) });
      } catch (e) {
        if (e instanceof ImportRejected) {
          return Response.json(
            {
              ok: false,
              // `message` in English; `problem` as a key and parameters, for the page's language
              errors: e.errors.map((x) => ({
                message: x.message,
                file: x.file,
                line: x.line ?? null,
                record: x.record ?? null,
                key: x.key ?? null,
                field: x.field ?? null,
                problem: x.i18n,
              })),
              truncated: e.truncated,
            },
            { status: 400 },
          );
        }
        // keyed refusals of the form's fields: the page shows `message` in its language
        if (isAppError(e) && e.i18n) {
          return Response.json({ ok: false, error: e.message, field: e.field ?? null, message: e.i18n }, { status: e.status });
        }
        throw e;
      }
    });
  });
}

/** Receives the files into the upload's folder and runs the import on them (read only when used). */
async function runImport(request: Request, project: Project, upload: UploadFolder, actorId: string) {
  const limit = loadEnv().uploadLimitBytes;
  const uploadedNames = new Map<string, string>();
  const displayName = (f: NodeOnDiskFile) => uploadedNames.get(f.name) ?? "upload";
  const form = await parseMultipartFormData(
    request,
    composeUploadHandlers(
      createFileUploadHandler({
        directory: upload.dir,
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
    throw keyedError(e instanceof MaxPartSizeExceededError ? 413 : 400, "errors.uploadRefused", { reason: (e as Error).message });
  });
  const file = (name: string) => {
    const f = form.get(name) as unknown;
    return f instanceof NodeOnDiskFile && f.size > 0 ? f : null;
  };
  const dryRun = form.get("intent") !== "import";
  const db = await getDb();
  const responseFiles = Array.from({ length: MAX_MODELS }, (_, i) => ({ i, f: file(`responses_${i}`) })).filter((r) => r.f);
  const refused = checkCorpusImport(
    form.get("mode") === "generic"
      ? { mode: "generic", g_dialogues: !!file("g_dialogues") }
      : {
          mode: "charactereval",
          dialogues: !!file("dialogues"),
          profiles: !!file("profiles"),
          responses: responseFiles.map(({ i, f }) => ({ index: i, file: displayName(f!), model: String(form.get(`model_${i}`) ?? "") })),
        },
  );
  if (refused) throw invalid(refused.message.key, refused.message.params, refused.field);
  if (form.get("mode") === "generic") {
    const dialogues = file("g_dialogues")!;
    const gen = (f: NodeOnDiskFile) => ({ chunks: upload.read(f), file: displayName(f) });
    const optional = (name: string) => (file(name) ? gen(file(name)!) : undefined);
    const responses = (form.getAll("g_responses") as unknown[]).filter(
      (f): f is NodeOnDiskFile => f instanceof NodeOnDiskFile && f.size > 0,
    );
    return importGeneric(
      db,
      project,
      { dialogues: gen(dialogues), profiles: optional("g_profiles"), subsets: optional("g_subsets"), responses: responses.map(gen) },
      { dryRun, actorId },
    );
  }
  const source = (f: NodeOnDiskFile) => ({ source: upload.read(f), name: displayName(f) });
  const dialogues = file("dialogues")!;
  const profiles = file("profiles")!;
  const responses = responseFiles.map(({ i, f }) => ({ model: String(form.get(`model_${i}`)).trim(), ...source(f!) }));
  const metrics = file("metrics");
  return importCharacterEval(
    db,
    project,
    { dialogues: source(dialogues), profiles: source(profiles), metrics: metrics ? source(metrics) : undefined, responses },
    { dryRun, actorId },
  );
}
