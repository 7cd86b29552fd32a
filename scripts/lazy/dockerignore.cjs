// See tar-fs.cjs: dockerode reads .dockerignore only when it packs a context itself.
let real;
module.exports = (...args) => (real ??= require('@balena/dockerignore'))(...args);
