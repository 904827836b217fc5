import type { resources } from "./config";

/** The shape of every message (English), for naming a group of keys in a type. */
export type Messages = (typeof resources)["en"]["translation"];
