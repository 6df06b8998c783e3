/** Dokku-style user lines: `-----> step`, `       info`, ` !     error`. */
export const formatStep = (text: string) => `-----> ${text}`;
export const formatInfo = (text: string) => `       ${text}`;
export const formatError = (text: string) => ` !     ${text}`;
