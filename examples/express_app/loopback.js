// Preloaded by the tests (`node --require ./loopback.js app.js`): a server that listens on a
// port without naming a host (`app.listen(PORT)`, as the seed apps do) listens on 127.0.0.1
// only, so running the examples never opens a port on other interfaces.
const net = require('net');

const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (...args) {
  const portOnly = typeof args[0] === 'number' || typeof args[0] === 'string';
  if (portOnly && (args.length === 1 || typeof args[1] === 'function')) {
    args.splice(1, 0, '127.0.0.1');
  }
  return listen.apply(this, args);
};
