import GRDB

// The vocabulary's enums are stored as their raw strings, and can be query arguments and
// column comparisons as they are (`TaskRecord.Columns.status == TaskStatus.failed`), so that no SQL
// spells a status by hand.
extension TaskStatus: DatabaseValueConvertible {}
extension RunStatus: DatabaseValueConvertible {}
extension FailureKind: DatabaseValueConvertible {}
extension ProviderKind: DatabaseValueConvertible {}
extension DerivedRecipe.Role: DatabaseValueConvertible {}
