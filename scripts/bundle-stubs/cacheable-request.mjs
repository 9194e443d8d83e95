// Stands in for cacheable-request in dist-action/: got uses it only for its `cache` option, which
// tpsync never sets (every read must see Secoda as it is now). got also tests errors against its
// CacheError, so that class is here, never thrown.
export class CacheError extends Error {}
export default class CacheableRequest {
  constructor() {
    throw new Error('HTTP caching is not part of the tpsync bundle');
  }
}
