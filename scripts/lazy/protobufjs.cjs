// Decodes BuildKit progress in dockerode; kept out of the bundle so its 90 KB are never parsed.
let real;
const load = () => (real ??= require('protobufjs'));
module.exports = new Proxy({}, { get: (_, key) => load()[key] });
