// Stands in for src/core/checks/nearDuplicateIndex.ts when P6 measures the index issue 12 replaced.
export { ReferenceNearDuplicateIndex as NearDuplicateIndex } from '../test/support/referenceNearDuplicate.ts';
