import XCTest
@testable import FrontlineKit

final class ClaimsTests: XCTestCase {
    func testHeldAdjectiveAndFixedPhrasesGiveHoldsClaims() throws {
        let f = try Fixtures.frontline()
        let a = Article(name: "t", text: """
        Test

        Fighters besieged the rebel-held town of Marea last month. Falluja remained in ISIS hands. Raqqa was quiet.
        """)
        let claims = ControlClaimReader().claims(in: a, places: f.places(in: a))
        XCTAssertEqual(claims.count, 2)
        XCTAssertEqual(Set(claims.map(\.actor)), ["isis", "rebels"])
        XCTAssertTrue(claims.allSatisfy { $0.action == .holds })
        XCTAssertEqual(claims.first { $0.actor == "rebels" }?.sentence, "Fighters besieged the rebel-held town of Marea last month.")
        XCTAssertFalse(claims.contains { $0.sentence.contains("Raqqa") })
        XCTAssertEqual(claims.first { $0.actor == "isis" }?.sentence, "Falluja remained in ISIS hands.")
    }
}
