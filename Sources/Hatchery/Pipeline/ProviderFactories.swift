import Foundation

/// The providers a build can use, made from the environment.
public enum ProviderFactories {
    /// `local` always; `eggapi` with `EGGAPI_API_KEY` (and optionally `EGGAPI_BASE_URL`) set.
    @Sendable public static func standard(_ kind: ProviderKind) throws -> any GenerationProvider {
        switch kind {
        case .local:
            return LocalProvider()
        case .eggapi:
            return EggAPIClient(configuration: try EggAPIConfiguration.fromEnvironment())
        }
    }
}
