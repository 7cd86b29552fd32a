// Loaded instead of @grpc/grpc-js inside the bundle: dockerode requires it at import time for
// BuildKit sessions, which dojo does not use. The real module loads on first use, if ever.
let real;
const load = () => (real ??= require('@grpc/grpc-js'));
module.exports = new Proxy({}, { get: (_, key) => load()[key] });
