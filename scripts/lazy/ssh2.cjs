// docker-modem reads require('ssh2').Client at import time; ssh2 is needed only for ssh:// hosts.
class Client {
  constructor(...args) {
    return new (require('ssh2').Client)(...args);
  }
}
module.exports = { Client };
