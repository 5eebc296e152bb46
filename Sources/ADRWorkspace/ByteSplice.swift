/// Edits of a file that is not valid UTF-8, made on its bytes: the text an edit was planned
/// on is the file decoded with each undecodable run shown as U+FFFD, and only the part the
/// edit changed is replaced, so every other byte, undecodable ones included, stays.
enum ByteSplice {
    /// A run of the file's bytes and what it decodes to.
    private struct Run {
        var raw: Range<Int>
        var decoded: Range<Int>
        var undecodable: Bool
    }

    /// `raw` with `old` (its repaired decoding) edited into `new`; `nil` when the edit
    /// touches an undecodable run, or `old` is not `raw` decoded.
    static func edit(_ raw: [UInt8], from old: String, to new: [UInt8]) -> [UInt8]? {
        let decoded = Array(old.utf8)
        guard let runs = runs(of: raw, decoding: decoded) else { return nil }
        var prefix = 0
        let most = min(decoded.count, new.count)
        while prefix < most, decoded[prefix] == new[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < most - prefix,
            decoded[decoded.count - 1 - suffix] == new[new.count - 1 - suffix]
        {
            suffix += 1
        }
        // Cut at run boundaries: a run half inside the change is part of it.
        let kept = runs.filter { $0.decoded.upperBound <= prefix }
        let keptAfter = runs.filter { $0.decoded.lowerBound >= decoded.count - suffix }
        let changed = runs.filter {
            $0.decoded.upperBound > prefix && $0.decoded.lowerBound < decoded.count - suffix
        }
        guard !changed.contains(where: \.undecodable) else { return nil }
        let rawStart = kept.last?.raw.upperBound ?? 0
        let decodedStart = kept.last?.decoded.upperBound ?? 0
        let rawEnd = keptAfter.first?.raw.lowerBound ?? raw.count
        let decodedEnd = keptAfter.first?.decoded.lowerBound ?? decoded.count
        let newEnd = new.count - (decoded.count - decodedEnd)
        guard decodedStart <= newEnd else { return nil }
        return Array(raw[..<rawStart]) + new[decodedStart..<newEnd] + raw[rawEnd...]
    }

    /// The runs of `raw`, each scalar or undecodable run on its own; `nil` unless they
    /// decode to exactly `decoded`.
    private static func runs(of raw: [UInt8], decoding decoded: [UInt8]) -> [Run]? {
        var runs: [Run] = []
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = raw.makeIterator()
        var rawOffset = 0
        var decodedOffset = 0
        let replacement: [UInt8] = [0xEF, 0xBF, 0xBD]
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar):
                let count = scalar.count
                runs.append(
                    Run(
                        raw: rawOffset..<rawOffset + count,
                        decoded: decodedOffset..<decodedOffset + count,
                        undecodable: false
                    )
                )
                guard decoded.count >= decodedOffset + count,
                    decoded[decodedOffset..<decodedOffset + count].elementsEqual(
                        raw[rawOffset..<rawOffset + count]
                    )
                else { return nil }
                rawOffset += count
                decodedOffset += count
            case .error(let length):
                runs.append(
                    Run(
                        raw: rawOffset..<rawOffset + length,
                        decoded: decodedOffset..<decodedOffset + 3,
                        undecodable: true
                    )
                )
                guard decoded.count >= decodedOffset + 3,
                    decoded[decodedOffset..<decodedOffset + 3].elementsEqual(replacement)
                else { return nil }
                rawOffset += length
                decodedOffset += 3
            case .emptyInput:
                return rawOffset == raw.count && decodedOffset == decoded.count ? runs : nil
            }
        }
    }
}
