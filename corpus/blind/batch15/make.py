#!/usr/bin/env python3
"""Build blind set 15: documents/ and labels/ from sources/*.yaml.

Standalone: imports only the standard library, PyYAML, python-docx and reportlab.
Run:  /work/main/.venv/bin/python corpus/blind/batch15/make.py

Source format (one YAML list of documents per sources/*.yaml file):

  - file: name.ext            # .txt .docx .pdf .html
    pack: yangquan-chengqu    # jurisdiction whose rules apply; the roster is rosters/<pack>.yaml
    encoding: utf-8 | gbk     # txt only
    newline: lf | crlf        # txt only
    wrap: 28                  # txt only: "pasted from a PDF": hard breaks every 28 chars, page numbers
    site: {...}               # html only: portal chrome (name, nav, crumbs, meta, meta_style, footer)
    sidecar: [...]            # approval steps written to NAME.approval.yaml beside the document
    length: {limit: 1200, expect: over|under, body_from: "first words of the first body paragraph"}
    body: |                   # one paragraph a line; markers:
      #H 发文机关标志 (red, centred)   #T title line (several = title over several lines)
      #C centred   #R right-aligned   #B bold left   #L red rule   #P page break
      |a|b|c|  table row (consecutive rows = one table)
    label: {...}              # the expected fields; missing keys are filled with null / []

Labels get every field of corpus/LABELS.md, plus roster/pack and notes.  Approval steps are written
compactly in the sources as [role, name, date] or [role, name, date, post]; post is filled from the
roster when not given.  In notes and finding notes, {wc} is replaced by the Word 字数 of the whole
text and {wcb} by the 字数 from the first body paragraph on (see count_words and README.md).
"""
import os
import re
import sys
import glob
import html
import datetime
import zipfile

import yaml
import docx
from docx.shared import Pt, RGBColor
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml.ns import qn
from reportlab.pdfgen import canvas
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont

HERE = os.path.dirname(os.path.abspath(__file__))
DOCS = os.path.join(HERE, 'documents')
LABELS = os.path.join(HERE, 'labels')
REL = 'blind/batch15'          # path of this folder relative to corpus/

PACKS = ['yangquan-chengqu', 'dongan', 'qianjin', 'jincheng-chengqu', 'xianyang']
FIELDS = ['doc_type', 'title', 'issuer', 'doc_number', 'signer', 'date', 'date_text', 'recipients',
          'cc', 'attachments', 'contact', 'copy_number', 'classification', 'urgency', 'printed_by',
          'printed_date', 'request_items', 'approval', 'findings', 'roster', 'pack']
LIST_FIELDS = {'issuer', 'signer', 'recipients', 'cc', 'attachments', 'approval', 'findings'}
RULES = {'request.one-matter', 'request.single-recipient', 'request.to-individual',
         'request.signer-missing', 'request.contact-missing', 'report.contains-request',
         'doctype.invalid', 'title.format', 'docnumber.format', 'date.format', 'length.limit',
         'signature.chain', 'countersign.missing', 'material.sections', 'regulation.creates-power'}
DOC_TYPES = set('决议 决定 命令 公报 公告 通告 意见 通知 通报 报告 请示 批复 议案 函 纪要 汇报稿 情况说明 议题说明'.split())
ROLES = set('拟稿 核稿 审核 会签 签发 审签 审阅'.split())


# ---------------------------------------------------------------- word count (catalogue §14)

def _is_east_asian(ch):
    o = ord(ch)
    return (0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0xF900 <= o <= 0xFAFF
            or 0x20000 <= o <= 0x2FFFF or 0x3001 <= o <= 0x303F or 0xFF01 <= o <= 0xFFEF)


def count_words(text):
    """Word 字数: each East-Asian character (汉字, CJK and full-width punctuation, full-width
    digits) counts 1; each maximal run of other non-space characters counts 1; spaces
    (U+3000 included) count 0."""
    n, run = 0, False
    for ch in text:
        if ch.isspace():
            run = False
        elif _is_east_asian(ch):
            n += 1
            run = False
        elif not run:
            n += 1
            run = True
    return n


AMBIGUOUS_PUNCT = '“”‘’…—·'


# ---------------------------------------------------------------- parsing the body

def parse_body(body):
    """-> list of blocks: (kind, text) or ('table', rows)."""
    blocks = []
    for raw in body.split('\n'):
        line = raw.rstrip()
        if line.startswith('|') and line.endswith('|') and len(line) > 1:
            row = [c.strip() for c in line[1:-1].split('|')]
            if blocks and blocks[-1][0] == 'table':
                blocks[-1][1].append(row)
            else:
                blocks.append(('table', [row]))
            continue
        m = re.match(r'^#([HTCRBLP])(?: (.*))?$', line)
        if m:
            blocks.append(({'H': 'red', 'T': 'title', 'C': 'center', 'R': 'right', 'B': 'bold',
                            'L': 'rule', 'P': 'pagebreak'}[m.group(1)], m.group(2) or ''))
        elif line == '':
            blocks.append(('blank', ''))
        else:
            blocks.append(('body', line))
    while blocks and blocks[-1][0] == 'blank':
        blocks.pop()
    return blocks


def text_lines(blocks):
    """Visible text, one paragraph (or table row) a line, as a clerk's Ctrl+A would select."""
    out = []
    for kind, val in blocks:
        if kind == 'table':
            out.extend(' '.join(r) for r in val)
        elif kind in ('rule', 'pagebreak', 'blank'):
            continue
        else:
            out.append(val)
    return out


# ---------------------------------------------------------------- writers

def write_txt(path, doc, blocks):
    lines = []
    for kind, val in blocks:
        if kind == 'table':
            lines.extend('　'.join(r) for r in val)
        elif kind in ('rule', 'pagebreak'):
            continue
        elif kind == 'blank':
            lines.append('')
        else:
            lines.append(val)
    width = doc.get('wrap')
    if width:
        wrapped, page, count = [], 1, 0
        for ln in lines:
            pieces = [ln[i:i + width] for i in range(0, len(ln), width)] or ['']
            for p in pieces:
                wrapped.append(p)
                count += 1
                if count == 22:
                    wrapped.extend(['', '— %d —' % page, ''])
                    page += 1
                    count = 0
        wrapped.extend(['', '— %d —' % page])
        lines = wrapped
    nl = '\r\n' if doc.get('newline') == 'crlf' else '\n'
    data = nl.join(lines) + nl
    enc = doc.get('encoding', 'utf-8')
    with open(path, 'wb') as f:
        f.write(data.encode(enc))


def _run_font(run, size=None, bold=False, color=None, face='仿宋_GB2312'):
    run.font.name = face
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn('w:eastAsia'), face)
    if size:
        run.font.size = Pt(size)
    run.font.bold = bold
    if color:
        run.font.color.rgb = RGBColor(*color)


def write_docx(path, doc, blocks):
    d = docx.Document()
    st = d.styles['Normal']
    st.font.name = '仿宋_GB2312'
    st.element.get_or_add_rPr().get_or_add_rFonts().set(qn('w:eastAsia'), '仿宋_GB2312')
    st.font.size = Pt(16)
    pending_break = False
    for kind, val in blocks:
        if kind == 'pagebreak':
            pending_break = True
            continue
        if kind == 'rule':
            p = d.add_paragraph()
            r = p.add_run('')
            pPr = p._p.get_or_add_pPr()
            bdr = pPr.makeelement(qn('w:pBdr'), {})
            bottom = bdr.makeelement(qn('w:bottom'), {qn('w:val'): 'single', qn('w:sz'): '12',
                                                      qn('w:space'): '1', qn('w:color'): 'FF0000'})
            bdr.append(bottom)
            pPr.append(bdr)
            continue
        if kind == 'table':
            ncol = max(len(r) for r in val)
            t = d.add_table(rows=len(val), cols=ncol)
            t.style = 'Table Grid'
            for i, row in enumerate(val):
                for j in range(ncol):
                    cell = t.cell(i, j)
                    cell.text = row[j] if j < len(row) else ''
                    for p in cell.paragraphs:
                        for r in p.runs:
                            _run_font(r, size=12)
            continue
        p = d.add_paragraph()
        if pending_break:
            p.add_run().add_break(WD_BREAK.PAGE)
            pending_break = False
        if kind == 'blank':
            continue
        if kind == 'red':
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _run_font(p.add_run(val), size=26, bold=True, color=(0xC0, 0, 0), face='方正小标宋简体')
        elif kind == 'title':
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _run_font(p.add_run(val), size=22, face='方正小标宋简体')
        elif kind == 'center':
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _run_font(p.add_run(val))
        elif kind == 'right':
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            _run_font(p.add_run(val))
        elif kind == 'bold':
            _run_font(p.add_run(val), bold=True, face='黑体')
        else:
            _run_font(p.add_run(val))
    props = d.core_properties
    props.author = 'blind-writer-15'
    props.created = datetime.datetime(2024, 1, 1)
    props.modified = datetime.datetime(2024, 1, 1)
    props.last_modified_by = 'blind-writer-15'
    d.save(path)
    _fix_zip_times(path)


def _fix_zip_times(path):
    """Rewrite the .docx zip with fixed entry times so rebuilds are byte-identical."""
    with zipfile.ZipFile(path) as z:
        entries = [(i.filename, z.read(i.filename)) for i in z.infolist()]
    with zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED) as z:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, data)


_FONT_READY = False


def write_pdf(path, doc, blocks):
    global _FONT_READY
    if not _FONT_READY:
        pdfmetrics.registerFont(UnicodeCIDFont('STSong-Light'))
        _FONT_READY = True
    W, H = A4
    left, right, top, bottom = 28 * mm, 26 * mm, 37 * mm, 35 * mm
    width = W - left - right
    c = canvas.Canvas(path, pagesize=A4, invariant=1)
    c.setTitle(doc['file'])
    c.setAuthor('blind-writer-15')
    state = {'y': H - top, 'page': 1}
    lh = 28.5

    def footer():
        c.setFont('STSong-Light', 14)
        c.setFillColorRGB(0, 0, 0)
        c.drawCentredString(W / 2, 18 * mm, '— %d —' % state['page'])

    def newpage():
        footer()
        c.showPage()
        state['page'] += 1
        state['y'] = H - top

    def ensure(h):
        if state['y'] - h < bottom:
            newpage()

    def draw_wrapped(text, size, align='left', indent=0, color=(0, 0, 0)):
        per = int(width // size)
        first = True
        rest = text
        while True:
            avail = per - (indent if first else 0)
            piece, rest = rest[:avail], rest[avail:]
            ensure(lh)
            c.setFont('STSong-Light', size)
            c.setFillColorRGB(*color)
            x = left + (indent * size if first else 0)
            if align == 'center':
                c.drawCentredString(W / 2, state['y'] - size, piece)
            elif align == 'right':
                c.drawRightString(W - right, state['y'] - size, piece)
            else:
                c.drawString(x, state['y'] - size, piece)
            state['y'] -= lh if size <= 16 else size * 1.6
            first = False
            if not rest:
                break

    for kind, val in blocks:
        if kind == 'pagebreak':
            newpage()
        elif kind == 'blank':
            state['y'] -= lh / 2
        elif kind == 'rule':
            ensure(10)
            c.setStrokeColorRGB(0.8, 0, 0)
            c.setLineWidth(1.5)
            c.line(left, state['y'] - 4, W - right, state['y'] - 4)
            state['y'] -= 14
        elif kind == 'red':
            draw_wrapped(val, 26, 'center', color=(0.8, 0, 0))
        elif kind == 'title':
            draw_wrapped(val, 20, 'center')
        elif kind == 'center':
            draw_wrapped(val, 16, 'center')
        elif kind == 'right':
            draw_wrapped(val, 16, 'right')
        elif kind == 'bold':
            draw_wrapped(val, 16, 'left')
        elif kind == 'table':
            ncol = max(len(r) for r in val)
            colw = width / ncol
            for row in val:
                ensure(lh)
                c.setFont('STSong-Light', 12)
                c.setFillColorRGB(0, 0, 0)
                for j, cell in enumerate(row):
                    maxc = int(colw // 12) - 1
                    c.drawString(left + j * colw + 3, state['y'] - 16, cell[:maxc])
                    c.rect(left + j * colw, state['y'] - 22, colw, 22)
                state['y'] -= 22
            state['y'] -= 6
        else:
            draw_wrapped(val, 16, 'left', indent=0 if val.startswith('　') else 2)
    footer()
    c.showPage()
    c.save()


HTML_CSS = ('body{font-family:"Microsoft YaHei",SimSun,sans-serif;margin:0;background:#f4f4f4}'
            '.top{background:#b40000;color:#fff;padding:12px 40px;font-size:24px}'
            '.nav a{color:#fff;margin-right:18px;text-decoration:none}.nav{background:#8e0000;padding:8px 40px}'
            '.crumb{padding:10px 40px;color:#666;font-size:13px}.main{background:#fff;margin:0 40px;padding:30px 60px}'
            'h1{text-align:center;font-size:22px}.meta{font-size:13px;color:#555;text-align:center}'
            'table.xxgk{border-collapse:collapse;width:100%;font-size:13px}table.xxgk td{border:1px solid #ccc;padding:4px 8px}'
            '.article p{text-indent:2em;line-height:1.9;font-size:16px}.article p.c{text-align:center;text-indent:0}'
            '.article p.r{text-align:right}.foot{padding:20px 40px;color:#777;font-size:12px;text-align:center}')


def write_html(path, doc, blocks):
    site = doc['site']
    e = lambda v: html.escape(str(v))
    parts = ['<!DOCTYPE html>', '<html lang="zh-CN"><head><meta charset="utf-8">',
             '<title>%s_%s</title>' % (e(site.get('page_title', '')), e(site['name'])),
             '<style>%s</style></head><body>' % HTML_CSS,
             '<div class="top">%s</div>' % e(site['name']),
             '<div class="nav">%s</div>' % ''.join('<a href="#">%s</a>' % e(n) for n in site['nav']),
             '<div class="crumb">当前位置：%s</div>' % ' &gt; '.join(e(x) for x in site['crumbs']),
             '<div class="main">']
    meta = site.get('meta', [])
    if site.get('meta_style') == 'table':
        parts.append('<table class="xxgk">')
        for i in range(0, len(meta), 2):
            cells = ''.join('<td>%s：</td><td>%s</td>' % (e(k), e(v)) for k, v in meta[i:i + 2])
            parts.append('<tr>%s</tr>' % cells)
        parts.append('</table>')
    if site.get('headline'):
        parts.append('<h1>%s</h1>' % e(site['headline']))
    if site.get('meta_style') != 'table' and meta:
        parts.append('<div class="meta">%s</div>' % '　　'.join('%s：%s' % (e(k), e(v)) for k, v in meta))
    parts.append('<div class="article">')
    for kind, val in blocks:
        if kind == 'table':
            parts.append('<table class="xxgk">%s</table>' % ''.join(
                '<tr>%s</tr>' % ''.join('<td>%s</td>' % e(c) for c in r) for r in val))
        elif kind in ('rule', 'pagebreak', 'blank'):
            continue
        elif kind in ('title', 'red', 'center'):
            parts.append('<p class="c">%s</p>' % e(val))
        elif kind == 'right':
            parts.append('<p class="r">%s</p>' % e(val))
        else:
            parts.append('<p>%s</p>' % e(val))
    parts.append('</div>')
    parts.append('<div class="meta">【打印本页】【关闭窗口】 分享到：微信 微博</div></div>')
    parts.append('<div class="foot">%s</div></body></html>' % '<br>'.join(e(x) for x in site['footer']))
    with open(path, 'w', encoding='utf-8', newline='\n') as f:
        f.write('\n'.join(parts) + '\n')


WRITERS = {'txt': write_txt, 'docx': write_docx, 'pdf': write_pdf, 'html': write_html}


# ---------------------------------------------------------------- labels

def load_rosters():
    rosters = {}
    for pack in PACKS:
        with open(os.path.join(HERE, 'rosters', pack + '.yaml'), encoding='utf-8') as f:
            rosters[pack] = yaml.safe_load(f)
    return rosters


def iso(value):
    if value is None:
        return None
    if isinstance(value, (datetime.date,)):
        return value.isoformat()
    return str(value)


def build_label(doc, blocks, roster):
    lab = dict(doc.get('label') or {})
    unknown = set(lab) - set(FIELDS) - {'notes'}
    if unknown:
        raise ValueError('%s: unknown label keys %s' % (doc['file'], unknown))
    out = {}
    for k in FIELDS:
        if k == 'request_items':
            continue
        out[k] = lab.get(k, [] if k in LIST_FIELDS else None)
    if out['doc_type'] is not None and out['doc_type'] not in DOC_TYPES:
        raise ValueError('%s: doc_type %r' % (doc['file'], out['doc_type']))
    if out['doc_type'] == '请示':
        ri = lab.get('request_items')
        if not ri or ri['count'] != len(ri['items']):
            raise ValueError('%s: 请示 needs request_items {count, items}' % doc['file'])
        out['request_items'] = ri
    elif 'request_items' in lab:
        raise ValueError('%s: request_items only for 请示' % doc['file'])
    for k in ('date', 'printed_date'):
        out[k] = iso(out[k])
    # approval: compact [role, name, date(, post)] or derived from the sidecar
    posts = {p['name']: p['post'] for p in roster['people']}
    steps = lab.get('approval')
    if steps is None and doc.get('sidecar'):
        steps = [[s['role'], s['name'], s.get('date'), s.get('post')] for s in doc['sidecar']]
    approval = []
    for s in steps or []:
        role, name, date = s[0], s[1], s[2]
        post = s[3] if len(s) > 3 and s[3] else posts.get(name)
        if role not in ROLES:
            raise ValueError('%s: role %r' % (doc['file'], role))
        if name not in posts:
            raise ValueError('%s: %s not in roster' % (doc['file'], name))
        approval.append({'role': role, 'name': name, 'post': post, 'date': iso(date)})
    out['approval'] = approval
    # set-15 consistency checks: every approval name is printed in the record (body or sidecar); the
    # 成文日期 is the date of the final signature; a printed 签发人 is the final signer.
    side = ' '.join(str(s.get('name')) for s in doc.get('sidecar') or [])
    for st in approval:
        if st['name'] not in doc['body'] and st['name'] not in side:
            raise ValueError('%s: approval name %s not in the record' % (doc['file'], st['name']))
    if approval:
        last = approval[-1]
        if last['role'] not in ('签发', '审签'):
            raise ValueError('%s: last approval step is %s' % (doc['file'], last['role']))
        if last['date'] != iso(out['date']):
            raise ValueError('%s: 成文日期 %s != signing date %s' % (doc['file'], out['date'], last['date']))
        if out['signer'] and out['signer'] != [last['name']]:
            raise ValueError('%s: 签发人 %s != signer %s' % (doc['file'], out['signer'], last['name']))
    for who in out['signer']:
        if who not in posts:
            raise ValueError('%s: signer %s not in roster' % (doc['file'], who))
    # findings, with word counts substituted into notes
    subst = {}
    if doc.get('length'):
        subst = length_counts(doc, blocks)
    findings = []
    for fnd in lab.get('findings') or []:
        if fnd['rule'] not in RULES:
            raise ValueError('%s: rule %r' % (doc['file'], fnd['rule']))
        findings.append({'rule': fnd['rule'], 'note': fnd['note'].format(**subst)})
    out['findings'] = findings
    out['roster'] = '%s/rosters/%s.yaml' % (REL, doc['pack'])
    out['pack'] = doc['pack']
    if lab.get('notes'):
        out['notes'] = lab['notes'].format(**subst)
    # ordered as in LABELS.md
    ordered = {k: out[k] for k in FIELDS if k in out}
    if 'notes' in out:
        ordered['notes'] = out['notes']
    return ordered


def length_counts(doc, blocks):
    spec = doc['length']
    lines = text_lines(blocks)
    whole = '\n'.join(lines)
    bad = [ch for ch in AMBIGUOUS_PUNCT if ch in whole]
    if bad:
        raise ValueError('%s: length document contains %s' % (doc['file'], bad))
    start = next(i for i, ln in enumerate(lines) if ln.strip().startswith(spec['body_from']))
    wc, wcb = count_words(whole), count_words('\n'.join(lines[start:]))
    lim = spec['limit']
    if spec['expect'] == 'over':
        ok = wc > lim and wcb > lim
    elif spec['expect'] == 'under':
        ok = wc <= lim and wcb <= lim
    else:
        ok = True
    if not ok:
        raise ValueError('%s: 字数 %d / %d not %s %d' % (doc['file'], wc, wcb, spec['expect'], lim))
    return {'wc': wc, 'wcb': wcb}


class Dumper(yaml.SafeDumper):
    pass


def _str_rep(dumper, data):
    return dumper.represent_scalar('tag:yaml.org,2002:str', data)


Dumper.add_representer(str, _str_rep)


def dump(obj):
    return yaml.dump(obj, Dumper=Dumper, allow_unicode=True, sort_keys=False, width=1000,
                     default_flow_style=None)


def main():
    rosters = load_rosters()
    docs = []
    for path in sorted(glob.glob(os.path.join(HERE, 'sources', '*.yaml'))):
        with open(path, encoding='utf-8') as f:
            docs.extend(yaml.safe_load(f) or [])
    names = [d['file'] for d in docs]
    dup = {n for n in names if names.count(n) > 1}
    if dup:
        raise SystemExit('duplicate files: %s' % dup)
    for sub in (DOCS, LABELS):
        os.makedirs(sub, exist_ok=True)
        for old in os.listdir(sub):
            os.remove(os.path.join(sub, old))
    for doc in docs:
        if not doc['file'].startswith('b15-'):
            raise SystemExit('%s: file name must start with b15-' % doc['file'])
        if doc['pack'] not in PACKS:
            raise SystemExit('%s: pack %s' % (doc['file'], doc['pack']))
        ext = doc['file'].rsplit('.', 1)[1]
        blocks = parse_body(doc['body'])
        WRITERS[ext](os.path.join(DOCS, doc['file']), doc, blocks)
        if doc.get('sidecar'):
            stem = doc['file'].rsplit('.', 1)[0]
            steps = []
            for s in doc['sidecar']:
                st = {k: (iso(v) if k == 'date' else v) for k, v in s.items()}
                steps.append(st)
            with open(os.path.join(DOCS, stem + '.approval.yaml'), 'w', encoding='utf-8') as f:
                f.write(dump({'steps': steps}))
        label = build_label(doc, blocks, rosters[doc['pack']])
        with open(os.path.join(LABELS, doc['file'] + '.yaml'), 'w', encoding='utf-8') as f:
            f.write(dump(label))
    print('built %d documents' % len(docs))


if __name__ == '__main__':
    sys.exit(main())
