/** Country names, demonyms and IOC codes: the core's table, which ingest reads articles with. */
export * from '../core/countries.js';
