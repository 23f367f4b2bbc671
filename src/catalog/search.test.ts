import { searchSuite } from './search-suite.test-helpers.ts';

// Art. 11 目录检索 through the database path (the in-memory index off): search-suite.test-helpers.ts.
searchSuite('off');
