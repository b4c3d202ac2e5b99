import Foundation
import Testing

@testable import Hatchery
