// dockerode's BuildKit session code needs a uuid (and with it node:crypto) only when a session opens.
let real;
module.exports = { v4: (...args) => (real ??= require('uuid')).v4(...args) };
