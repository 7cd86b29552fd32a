import ignoreModule from '@balena/dockerignore';

// The package is CommonJS (module.exports = factory) while its types declare a default export.
const factory = ((ignoreModule as unknown as { default?: typeof ignoreModule }).default ?? ignoreModule) as unknown as typeof ignoreModule.default;

/** A matcher with the engine's .dockerignore semantics (moby's rules, `!` exceptions included). */
export const dockerignore = (lines: string[] = []) => factory({ ignorecase: false }).add(lines);
