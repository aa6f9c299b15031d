"""What a browser would submit for a form on a page, read from the page's HTML (stdlib only).

Text inputs send their value, checkboxes and radios only when checked, a <select> its selected
option or, when none is marked selected, its FIRST option (which is how an edit form that never
marks the saved choice silently changes it), a textarea its text, and one submit button
(`Form.submitted_with`)."""

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Form:
    action: str
    method: str
    fields: list[tuple[str, str]] = field(default_factory=list)
    has_file_input: bool = False
    buttons: list[tuple[str, str]] = field(default_factory=list)

    def submitted_with(self, button: str | None = None) -> list[tuple[str, str]]:
        """The fields and the pressed button: `button` by name, else the first named one."""
        pressed = [b for b in self.buttons if button is None or b[0] == button][:1]
        assert pressed or not self.buttons, f"no button {button}"
        return self.fields + pressed


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._select: dict | None = None
        self._option: dict | None = None
        self._textarea: dict | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self._form = Form(a.get("action") or "", (a.get("method") or "get").lower())
        if self._form is None or a.get("disabled") is not None:
            return
        if tag == "input" and a.get("name"):
            self._input(a)
        elif tag == "input" and a.get("type") == "file":
            self._form.has_file_input = True
        elif tag == "button" and a.get("name") and (a.get("type") or "submit") == "submit":
            self._button(a)
        elif tag == "select" and a.get("name"):
            self._select = {
                "name": a["name"],
                "first": None,
                "chosen": [],
                "multiple": "multiple" in a,
            }
        elif tag == "option" and self._select is not None:
            self._option = {"value": a.get("value"), "text": "", "selected": "selected" in a}
        elif tag == "textarea" and a.get("name"):
            self._textarea = {"name": a["name"], "text": ""}

    def _input(self, a):
        kind = (a.get("type") or "text").lower()
        if kind == "file":
            self._form.has_file_input = True
        elif kind in ("checkbox", "radio"):
            if "checked" in a:
                self._form.fields.append((a["name"], a.get("value", "on")))
        elif kind in ("submit", "image"):
            self._button(a)
        elif kind not in ("reset", "button"):
            self._form.fields.append((a["name"], a.get("value", "")))

    def _button(self, a):
        self._form.buttons.append((a["name"], a.get("value", "")))

    def handle_data(self, data):
        if self._option is not None:
            self._option["text"] += data
        if self._textarea is not None:
            self._textarea["text"] += data

    def handle_endtag(self, tag):
        if tag == "option" and self._option is not None:
            option = self._option
            value = option["value"] if option["value"] is not None else option["text"].strip()
            if self._select["first"] is None:
                self._select["first"] = value
            if option["selected"]:
                self._select["chosen"].append(value)
            self._option = None
        elif tag == "select" and self._select is not None:
            chosen = self._select["chosen"]
            if not chosen and not self._select["multiple"] and self._select["first"] is not None:
                chosen = [self._select["first"]]
            self._form.fields.extend((self._select["name"], value) for value in chosen)
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            text = self._textarea["text"]
            self._form.fields.append((self._textarea["name"], text.removeprefix("\n")))
            self._textarea = None
        elif tag == "form" and self._form is not None:
            self.forms.append(self._form)
            self._form = None


def forms_on(html: str) -> list[Form]:
    parser = _Parser()
    parser.feed(html)
    return parser.forms


def form_posting_to(html: str, action: str, page_url: str = "") -> Form:
    """The page's POST form whose action is `action` (an empty action posts to the page itself)."""
    found = [
        f
        for f in forms_on(html)
        if f.method == "post" and (f.action.split("?")[0] or page_url) == action
    ]
    assert found, f"no form posting to {action}"
    return found[0]
