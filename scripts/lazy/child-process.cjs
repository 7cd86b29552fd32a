// commander requires node:child_process at import time for executable subcommands, which dojo
// does not have; loading it costs every command, `dojo hint` included, a few milliseconds.
let real;
module.exports = new Proxy({}, { get: (_, key) => (real ??= require('node:child_process'))[key] });
