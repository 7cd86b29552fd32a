// dockerode's util.js requires tar-fs at import time to pack build contexts; dojo packs its own
// contexts, so the real module (and tar-stream, streamx, pump...) loads only if it is ever used.
let real;
const load = () => (real ??= require('tar-fs'));
module.exports = { pack: (...args) => load().pack(...args), extract: (...args) => load().extract(...args) };
