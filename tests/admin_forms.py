"""Submit admin forms as a browser would: every field the page holds, as rendered."""

from html.parser import HTMLParser


class _FormFields(HTMLParser):
    def __init__(self, form_id):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.in_form = False
        self.fields = []
        self.select = None
        self.textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.in_form = attrs.get("id") == self.form_id
            return
        if not self.in_form:
            return
        name = attrs.get("name")
        if tag == "input" and name and "disabled" not in attrs:
            kind = attrs.get("type", "text")
            if kind in {"checkbox", "radio"}:
                if "checked" in attrs:
                    self.fields.append((name, attrs.get("value", "on")))
            elif kind not in {"submit", "button", "image", "reset", "file"}:
                self.fields.append((name, attrs.get("value") or ""))
        elif tag == "select" and name:
            self.select = {"name": name, "multiple": "multiple" in attrs, "opts": []}
        elif tag == "option" and self.select is not None:
            self.select["opts"].append((attrs.get("value", ""), "selected" in attrs))
        elif tag == "textarea" and name:
            self.textarea = (name, [])

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1].append(data)

    def handle_endtag(self, tag):
        if tag == "form":
            self.in_form = False
        elif tag == "select" and self.select is not None:
            chosen = [value for value, selected in self.select["opts"] if selected]
            if not chosen and not self.select["multiple"] and self.select["opts"]:
                chosen = [self.select["opts"][0][0]]
            self.fields += [(self.select["name"], value) for value in chosen]
            self.select = None
        elif tag == "textarea" and self.textarea is not None:
            name, parts = self.textarea
            text = "".join(parts)
            self.fields.append((name, text[1:] if text.startswith("\n") else text))
            self.textarea = None


def form_data(response, form_id, **changes):
    """The data a browser would post from `form_id`, with `changes` applied.

    A change whose value is a list sets a multiple choice; None removes a field. A
    translated field's name ("title") stands for its English column ("title_en").
    """
    parser = _FormFields(form_id)
    parser.feed(response.content.decode())
    assert parser.fields, f"no form #{form_id} on the page"
    data = {}
    for name, value in parser.fields:
        data.setdefault(name, []).append(value)
    for name, value in changes.items():
        if name not in data and f"{name}_en" in data:
            name = f"{name}_en"
        if value is None:
            data.pop(name, None)
        else:
            data[name] = [str(v) for v in value] if isinstance(value, list) else [value]
    return data


def submit(client, url, form_id, **changes):
    """Open an admin page, change some fields, press Save."""
    page = client.get(url)
    assert page.status_code == 200, page.status_code
    return client.post(url, form_data(page, form_id, **changes))
