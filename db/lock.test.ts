import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { acquireFolderLock, DatabaseLockedError } from "./lock";

describe("acquireFolderLock", () => {
  it("creates parent folders, refuses a second opener, and frees the folder on release", () => {
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "rc-lock-")), "a", "b", "pglite");
    const release = acquireFolderLock(dir);
    expect(fs.existsSync(dir)).toBe(true);
    expect(() => acquireFolderLock(dir)).toThrow(DatabaseLockedError);
    release();
    acquireFolderLock(dir)();
  });

  it("takes over a lock whose process is gone", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rc-lock-"));
    fs.writeFileSync(path.join(dir, "rolecall.lock"), "999999999");
    const release = acquireFolderLock(dir);
    expect(fs.readFileSync(path.join(dir, "rolecall.lock"), "utf8")).toBe(String(process.pid));
    release();
  });

  it("refuses while another live process holds the folder", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rc-lock-"));
    fs.writeFileSync(path.join(dir, "rolecall.lock"), String(process.ppid));
    expect(() => acquireFolderLock(dir)).toThrow(/in use by another Rolecall process/);
  });
});
