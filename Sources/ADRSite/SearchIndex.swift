import ADRCore
import Foundation

/// The search and filter index the home page loads with `<script>` tags (a `fetch` of a
/// JSON file fails from file://), and from which its script draws the list.
///
/// `search-index.js`, what the list, the filters and the short fields' search need, as JSON
/// in a string that the script gives to `JSON.parse` (``parsing(_:)``):
/// ```
/// window.ADR_INDEX = JSON.parse('{"v":2,
///   "status": {"accepted": ["accepted", "Accepted"], …},   // key: [class, label]
///   "logs": [["api", "api/"], …],             // label and page folder of each log
///   "r": [[stem, title, status, date, [tags], log, number, href], …]}');
/// ```
/// One row per record, newest first (the list's default order); `href` is empty when the
/// page is the log folder, the stem and `.html`.
///
/// `search-text.js`, which the page's script loads after it (the list is shown without
/// waiting for it): what only a query needs, the people of each record (deciders, authors,
/// approvers) and its whole text, without Markdown syntax and whitespace collapsed, as
/// the words it is made of.
/// ```
/// window.ADR_TEXT = {"v":2,
///   "people": ["Ada Lovelace, Grace Hopper", …],   // in row order
///   "words": "the of a service …",   // every word as written, most used first
///   "t": "codes codes …"}            // each row's text, in row order, between spaces
/// ```
/// Each word of a text is its place in `words`, written in a prefix-free code
/// (``WordCode``). Records share most of their words, so the whole text of every record
/// costs a third to a fifth of its length, and the script reads back any record's text
/// for a snippet.
enum SearchIndex {
    /// The items of `catalog` in the home page's default order: newest first, then by
    /// number, then as the catalog lists them.
    static func order(of catalog: SiteCatalog) -> [Int] {
        catalog.items.indices.sorted { first, second in
            let a = catalog.items[first]
            let b = catalog.items[second]
            if (a.date ?? "") != (b.date ?? "") { return (a.date ?? "") > (b.date ?? "") }
            let numbers = (a.entry.record.number ?? 0, b.entry.record.number ?? 0)
            if numbers.0 != numbers.1 { return numbers.0 > numbers.1 }
            return first < second
        }
    }

    /// `search-index.js` and `search-text.js` for the items of `catalog` in `order`.
    static func scripts(for catalog: SiteCatalog, order: [Int]) -> (index: String, text: String) {
        (indexScript(for: catalog, order: order), textScript(for: catalog, order: order))
    }

    static func indexScript(for catalog: SiteCatalog, order: [Int]) -> String {
        var script = "{\"v\":2"
        var statuses: [String: RecordStatus?] = [:]
        for item in catalog.items { statuses[SiteBuilder.statusKey(item.status)] = item.status }
        script += ",\n\"status\":{"
        script += statuses.keys.sorted().map { key in
            let status = statuses[key] ?? nil
            return JSONText.quoted(key) + ":["
                + JSONText.quoted(SiteBuilder.statusClass(status)) + ","
                + JSONText.quoted(SiteBuilder.statusLabel(status)) + "]"
        }.joined(separator: ",")
        script += "},\n\"logs\":["
        script += catalog.logs.map { log in
            let folder = log.siteFolder.isEmpty ? "" : log.siteFolder + "/"
            return "[" + JSONText.quoted(log.label ?? "") + ","
                + JSONText.quoted(SiteBuilder.encodedPath(folder)) + "]"
        }.joined(separator: ",")
        script += "],\n\"r\":["
        for (position, index) in order.enumerated() {
            if position > 0 { script += ",\n" }
            let item = catalog.items[index]
            let record = item.entry.record
            let log = catalog.logs[item.logIndex]
            let folder = log.siteFolder.isEmpty ? "" : log.siteFolder + "/"
            let href = SiteBuilder.encodedPath(item.page)
            let plainHref = SiteBuilder.encodedPath(folder) + item.stem + ".html"
            let fields: [String] = [
                JSONText.quoted(item.stem),
                JSONText.quoted(record.title),
                JSONText.quoted(SiteBuilder.statusKey(item.status)),
                JSONText.quoted(item.date ?? ""),
                "[" + record.tags.map(JSONText.quoted).joined(separator: ",") + "]",
                String(item.logIndex),
                record.number.map(String.init) ?? "null",
                JSONText.quoted(href == plainHref ? "" : href),
            ]
            script += "[" + fields.joined(separator: ",") + "]"
        }
        return "window.ADR_INDEX=" + parsing(script + "]}") + ";\n"
    }

    /// A script expression whose value is the value of `json`: `JSON.parse('…')`. The list
    /// waits for the index script to be parsed, and a browser reads one string literal and
    /// then JSON several times faster than the same rows written as the script's own array
    /// literals.
    static func parsing(_ json: String) -> String {
        var literal = Array("JSON.parse('".utf8)
        literal.reserveCapacity(json.utf8.count + json.utf8.count / 16 + 16)
        // Inside a single-quoted literal only backslashes, apostrophes and line breaks need
        // escaping (line and paragraph separators may stand there as they are), and all
        // three are ASCII: the UTF-8 of everything else is copied as it is. The JSON's only
        // line breaks are between rows, never in a string; a backslash before each
        // continues the literal there, so the file keeps a row per line.
        for byte in json.utf8 {
            switch byte {
            case UInt8(ascii: "\\"): literal += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
            case UInt8(ascii: "'"): literal += [UInt8(ascii: "\\"), UInt8(ascii: "'")]
            case UInt8(ascii: "\n"): literal += [UInt8(ascii: "\\"), UInt8(ascii: "\n")]
            case UInt8(ascii: "\r"): literal += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
            default: literal.append(byte)
            }
        }
        literal += Array("')".utf8)
        return String(decoding: literal, as: UTF8.self)
    }

    static func textScript(for catalog: SiteCatalog, order: [Int]) -> String {
        // Each record's words, on every core; then one vocabulary for all of them.
        let texts = Parallel.map(count: order.count) { position in
            words(in: catalog.items[order[position]].facts.plainText)
        }
        var vocabulary: [Word: Int] = [:]
        var counts: [Int] = []
        var firstSeen: [Word] = []
        // Each text as its words' ids, so that coding it looks no word up again.
        var idTexts: [[Int]] = []
        idTexts.reserveCapacity(texts.count)
        for text in texts {
            var ids: [Int] = []
            ids.reserveCapacity(text.count)
            for word in text {
                if let id = vocabulary[word] {
                    counts[id] += 1
                    ids.append(id)
                } else {
                    vocabulary[word] = counts.count
                    ids.append(counts.count)
                    counts.append(1)
                    firstSeen.append(word)
                }
            }
            idTexts.append(ids)
        }
        // The most used words get the shortest codes; ties keep the order of first use.
        let ranked = firstSeen.indices.sorted {
            counts[$0] != counts[$1] ? counts[$0] > counts[$1] : $0 < $1
        }
        var codes = [[UInt8]](repeating: [], count: ranked.count)
        for (place, id) in ranked.enumerated() { codes[id] = Array(WordCode.encode(place).utf8) }
        var script = "window.ADR_TEXT={\"v\":2,\"people\":["
        script += order.map { JSONText.quoted(people(of: catalog.items[$0])) }
            .joined(separator: ",\n")
        script += "],\n\"words\":"
        script += JSONText.quoted(ranked.map { firstSeen[$0].text }.joined(separator: " "))
        script += ",\n\"t\":\""
        // The codes are ASCII: gathered as bytes and made a string once.
        var coded: [UInt8] = []
        for (position, ids) in idTexts.enumerated() {
            if position > 0 { coded.append(UInt8(ascii: " ")) }
            for id in ids { coded += codes[id] }
        }
        script += String(decoding: coded, as: UTF8.self)
        return script + "\"};\n"
    }

    /// The deciders, authors and approvers of `item`, each once, between commas.
    static func people(of item: SiteCatalog.Item) -> String {
        let people =
            item.facts.deciders
            + (item.record.history?.revisions.map(\.author.name) ?? [])
            + item.record.approvals.map { approver in
                // The name before the address, without the spaces around it (one line of a
                // note or trailer: no line breaks to trim).
                let name = approver.approval.approver
                // The first piece between `<`s that is not empty, as splitting at them gives.
                var trimmed = name.drop { $0 == "<" }
                if let bracket = trimmed.utf8.firstIndex(of: UInt8(ascii: "<")) {
                    trimmed = trimmed[..<bracket]
                }
                if trimmed.isEmpty { trimmed = Substring(name) }
                while trimmed.first?.isWhitespace == true { trimmed.removeFirst() }
                while trimmed.last?.isWhitespace == true { trimmed.removeLast() }
                return String(trimmed)
            }
        var seen = Set<String>()
        return people.filter { seen.insert($0).inserted }.joined(separator: ", ")
    }

    /// A word of a record's text as its UTF-8 bytes. The vocabulary looks up every word of
    /// every record: bytes hashed in one call and compared with `memcmp` cost a fraction
    /// of what a `Substring`'s Unicode-aware hashing and comparison do.
    struct Word: Hashable {
        var bytes: ArraySlice<UInt8>

        static func == (left: Word, right: Word) -> Bool {
            left.bytes.count == right.bytes.count
                && left.bytes.withUnsafeBytes { a in
                    right.bytes.withUnsafeBytes { b in
                        a.count == 0 || memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0
                    }
                }
        }

        func hash(into hasher: inout Hasher) {
            bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
        }

        var text: String { String(decoding: bytes, as: UTF8.self) }
    }

    /// The words of `text`: its runs of characters between whitespace, as written.
    static func words(in text: String) -> [Word] {
        let bytes = Array(text.utf8)
        var words: [Word] = []
        // ASCII whitespace byte by byte: a word boundary in UTF-8 never splits a character
        // there. Other spaces (no-break, ideographic) stay inside a word, where the script's
        // own tokenizer splits it.
        var start: Int?
        for (position, byte) in bytes.enumerated() {
            if byte == 0x20 || (0x09...0x0D).contains(byte) {
                if let begun = start {
                    words.append(Word(bytes: bytes[begun..<position]))
                    start = nil
                }
            } else if start == nil {
                start = position
            }
        }
        if let begun = start { words.append(Word(bytes: bytes[begun...])) }
        return words
    }
}

/// The prefix-free code of a word's place in the index's vocabulary: zero or more
/// continuation characters, then one final character. The 64 most used words take one
/// character, the next 1,600 two, the next 40,000 three. Every character is printable
/// ASCII that a JSON string inside a script keeps as it is.
enum WordCode {
    static let final = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
    static let continuation = Array("!#$%'()*,-.:;=?@[]^_`{|}~")

    static func encode(_ place: Int) -> String {
        var rest = place
        var length = 1
        var capacity = final.count
        while rest >= capacity {
            rest -= capacity
            capacity *= continuation.count
            length += 1
        }
        var code = [final[rest % final.count]]
        var high = rest / final.count
        for _ in 1..<length {
            code.append(continuation[high % continuation.count])
            high /= continuation.count
        }
        return String(code.reversed())
    }
}

/// JSON string literals that are also safe inside a script: `<`, `>`, `&` and the line
/// separators are escaped too.
enum JSONText {
    static func quoted(_ text: String) -> String {
        // Text with nothing to escape (most of it) is copied whole.
        if !text.utf8.contains(where: {
            $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0x3C || $0 == 0x3E || $0 == 0x26
                || $0 == 0xE2
        }) {
            return "\"" + text + "\""
        }
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case "<", ">", "&", "\u{2028}", "\u{2029}":
                result += "\\u" + hex(scalar.value)
            default:
                if scalar.value < 0x20 {
                    result += "\\u" + hex(scalar.value)
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }

    private static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 4 - digits.count) + digits
    }
}
