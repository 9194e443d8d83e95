// Stands in for cacheable-lookup in dist-action/: got uses it only for its `dnsCache` option,
// which tpsync never sets.
export default class CacheableLookup {
  constructor() {
    throw new Error('DNS caching is not part of the tpsync bundle');
  }
}
