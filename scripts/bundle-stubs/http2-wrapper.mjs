// Stands in for http2-wrapper in dist-action/: got loads it for its `http2` option, which tpsync
// never sets (it speaks HTTP/1.1 to Secoda). Leaving it out saves loading it, and node:http2 and
// node:tls with it, on every start (scripts/bundle.mjs says how much).
const notBundled = () => {
  throw new Error('HTTP/2 is not part of the tpsync bundle');
};
export default { globalAgent: undefined, auto: notBundled };
