"""How kramdown sorts HTML elements (its parser's HTML_SPAN_ELEMENTS, HTML_BLOCK_ELEMENTS,
HTML_ELEMENTS_WITHOUT_BODY and content models): shared by the renderer and the rules on
HTML written in posts, without importing the renderer."""

SPAN_ELEMENTS = frozenset((
    "a", "abbr", "acronym", "b", "big", "bdo", "br", "button", "cite", "code", "del", "dfn",
    "em", "i", "img", "input", "ins", "kbd", "label", "mark", "option", "q", "rb", "rbc", "rp",
    "rt", "rtc", "ruby", "samp", "select", "small", "span", "strong", "sub", "sup", "tt", "u",
    "var"
))
VOID_ELEMENTS = frozenset((
    "area", "base", "br", "col", "command", "embed", "hr", "img", "input", "keygen", "link",
    "meta", "param", "source", "track", "wbr"
))
# kramdown's HTML_BLOCK_ELEMENTS: a start tag of one inside a line of text is text.
TEXT_BLOCK_ELEMENTS = frozenset((
    "address", "article", "aside", "applet", "body", "blockquote", "caption", "col",
    "colgroup", "dd", "div", "dl", "dt", "fieldset", "figcaption", "footer", "form", "h1", "h2",
    "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html", "head", "iframe", "legend",
    "menu", "li", "main", "map", "nav", "ol", "optgroup", "p", "pre", "section", "summary",
    "table", "tbody", "td", "th", "thead", "tfoot", "tr", "ul"
))
SPAN_CONTENT = frozenset((
    "a", "abbr", "acronym", "b", "bdo", "big", "button", "cite", "caption", "del", "dfn", "dt",
    "em", "h1", "h2", "h3", "h4", "h5", "h6", "i", "ins", "label", "legend", "optgroup", "p",
    "q", "rb", "rbc", "rp", "rt", "rtc", "ruby", "select", "small", "span", "strong", "sub",
    "sup", "th", "tt"
))
