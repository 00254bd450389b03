// Preloaded with `node -r` by the safety test: every way Node can open a network connection
// throws, and each attempt is written to stderr with a marker the test looks for.
const net = require('net');
const tls = require('tls');
const http = require('http');
const https = require('https');
const dns = require('dns');

function blocked(what) {
  return function () {
    process.stderr.write(`NETWORK-ATTEMPT ${what}\n`);
    throw new Error(`network access attempted: ${what}`);
  };
}

net.connect = net.createConnection = blocked('net.connect');
net.Socket.prototype.connect = blocked('net.Socket.connect');
tls.connect = blocked('tls.connect');
http.request = http.get = blocked('http.request');
https.request = https.get = blocked('https.request');
dns.lookup = blocked('dns.lookup');
dns.resolve = blocked('dns.resolve');
if (dns.promises) dns.promises.lookup = blocked('dns.promises.lookup');
globalThis.fetch = blocked('fetch');
