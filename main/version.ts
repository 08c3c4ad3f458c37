/** Mixwell's version, kept in step with package.json by tests/main/version.test.ts. */
export const version = "0.1.0";
