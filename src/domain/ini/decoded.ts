// Result of reading one .ini value: the typed value (with notes worth a warning) or why it is wrong.

export type Decoded<T> = { ok: true; value: T; warnings: string[] } | { ok: false; message: string };

export const decoded = <T>(value: T, warnings: string[] = []): Decoded<T> => ({ ok: true, value, warnings });

export const failed = <T = never>(message: string): Decoded<T> => ({ ok: false, message });
