// See grpc-js.cjs: loaded for real only when a BuildKit session is opened.
let real;
const load = () => (real ??= require('@grpc/proto-loader'));
module.exports = new Proxy({}, { get: (_, key) => load()[key] });
