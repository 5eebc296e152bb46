import ADRAudit
import Testing

/// Link destinations resolved from the record that holds them: the plain sibling names
/// take a short way that must agree with the full rules.
@Suite struct AuditPathsTests {
    @Test(arguments: [
        ("0002-b.md", "doc/adr/0001-a.md", "doc/adr/0002-b.md"),
        ("0002-b.md#context", "doc/adr/0001-a.md", "doc/adr/0002-b.md"),
        ("./0002-b.md", "doc/adr/0001-a.md", "doc/adr/0002-b.md"),
        ("../README.md", "doc/adr/0001-a.md", "doc/README.md"),
        ("0002%20b.md", "doc/adr/0001-a.md", "doc/adr/0002 b.md"),
        (" 0002-b.md ", "doc/adr/0001-a.md", "doc/adr/0002-b.md"),
        ("...", "doc/adr/0001-a.md", "doc/adr/..."),
        (".", "doc/adr/0001-a.md", "doc/adr"),
        ("..", "doc/adr/0001-a.md", "doc"),
        ("0002-b.md", "0001-a.md", "0002-b.md"),
        ("0002-b.md", "/doc//0001-a.md", "doc/0002-b.md"),
        ("0002-b.md", "dóc/0001-a.md", "dóc/0002-b.md"),
        ("0002-b.md", "doc//adr/0001-a.md", "doc/adr/0002-b.md"),
        ("0002-b.md", "doc/adr//0001-a.md", "doc/adr/0002-b.md"),
        ("0002-b.md", "doc/adr/", "doc/adr/0002-b.md"),
        ("é.md", "doc/adr/0001-a.md", "doc/adr/é.md"),
    ])
    func resolves(destination: String, source: String, expected: String) {
        #expect(AuditPaths.resolve(destination, from: source) == expected)
    }

    @Test(arguments: ["", "../../..", "#top", "https://x.org/a.md", "/etc/passwd", "mailto:a@b"])
    func leavesOut(destination: String) {
        #expect(AuditPaths.resolve(destination, from: "doc/adr/0001-a.md") == nil)
    }
}
