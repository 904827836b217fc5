export * from "./users";
export * from "./projects";
export * from "./metrics";
export * from "./corpus";
export * from "./units";
export * from "./ratings";
export * from "./guidelines";
