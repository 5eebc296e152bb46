import ADRCore
public import ADRMarkdown

/// What a record page was rendered from, kept beside the site so that the next build
/// renders again only the record pages whose inputs changed.
///
/// A page is a function of its template context (which holds what the page shows of other
/// records: links both ways, lineage, previous and next), its Markdown, and what each link
/// of that Markdown resolved to. The key hashes all three. The links are kept too, because
/// the next build must resolve them against its own records (a linked record renamed or
/// removed changes the page) before it can tell whether the key still holds.
public struct RecordPageStamp: Sendable, Equatable {
    public var key: String
    /// The links and images of the page's Markdown, in the order cmark met them.
    public var links: [MarkdownLinkTarget]

    public init(key: String, links: [MarkdownLinkTarget]) {
        self.key = key
        self.links = links
    }

    /// Adds a link read back from where the stamp was kept.
    public mutating func appendLink(destination: String, isImage: Bool) {
        links.append(MarkdownLinkTarget(destination: destination, isImage: isImage))
    }
}

extension ContentHash {
    /// A template context: dictionaries by sorted key, arrays in order, and every other
    /// value by its type and description, so that two contexts hash alike only when a
    /// template would see the same values.
    mutating func add(context value: Any) {
        // Exact types first: a dynamic cast costs more than the hashing itself.
        let type = ObjectIdentifier(Swift.type(of: value))
        if type == ObjectIdentifier(String.self) {
            add(byte: UInt8(ascii: "s"))
            add(field: value as! String)
        } else if type == ObjectIdentifier(Bool.self) {
            add(byte: (value as! Bool) ? UInt8(ascii: "T") : UInt8(ascii: "F"))
        } else if type == ObjectIdentifier(Int.self) {
            add(byte: UInt8(ascii: "i"))
            add(length: value as! Int)
        } else if type == ObjectIdentifier([String: Any].self) {
            add(dictionary: value as! [String: Any])
        } else if type == ObjectIdentifier([[String: Any]].self) {
            let array = value as! [[String: Any]]
            add(byte: UInt8(ascii: "["))
            add(length: array.count)
            for element in array { add(dictionary: element) }
        } else if let dictionary = value as? [String: Any] {
            add(dictionary: dictionary)
        } else if let array = value as? [Any] {
            add(byte: UInt8(ascii: "["))
            add(length: array.count)
            for element in array { add(context: element) }
        } else {
            add(field: "\(Swift.type(of: value))")
            add(field: String(describing: value))
        }
    }

    private mutating func add(dictionary: [String: Any]) {
        add(byte: UInt8(ascii: "{"))
        add(length: dictionary.count)
        for (key, value) in dictionary.sorted(by: { $0.key < $1.key }) {
            add(field: key)
            add(context: value)
        }
    }

    /// What one Markdown link became on a page.
    mutating func add(link target: MarkdownLinkTarget, rewrite: MarkdownLinkRewrite) {
        add(field: target.isImage ? "image" : "link")
        add(field: target.destination)
        switch rewrite {
        case .destination(let destination): add(field: "to " + destination)
        case .textOnly: add(field: "text only")
        }
    }
}
