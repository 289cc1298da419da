from __future__ import annotations

from pathlib import Path

from gongwen.extractors.readers import ReadLimits, read_document
from gongwen.extractors.readers.html import read_html

PAGE = """<!DOCTYPE html>
<html><head><meta charset="{charset}"><title>关于开展检查的通知_政府网站</title>
<style>p {{ color: red; }}</style><script>var tip = "请登录后访问本站栏目";</script></head>
<body>
<div class="top-nav"><a href="/">首页</a><a href="/zc">政策</a><a href="/hd">互动交流栏目</a></div>
<div id="breadcrumb">当前位置：首页 &gt; 政策 &gt; 最新文件</div>
<table class="info">
<tr><td><b>发文机关：</b></td><td>东安区人民政府</td><td><b>成文日期：</b></td><td>2024年3月1日</td></tr>
<tr><td><b>标　　题：</b></td><td colspan="3">关于开展安全生产检查的通知</td></tr>
<tr><td><b>发文字号：</b></td><td>东政发〔2024〕3号</td><td><b>主 题 词：</b></td><td></td></tr>
</table>
<div class="main">
 <div class="article">
  <p style="text-align: center"><span style="font-weight: bold; font-size: 18pt">关于开展安全生产检查的通知</span></p>
  <p>各乡镇人民政府，
  区政府各部门：</p>
  <p style="text-indent: 2em">为切实做好安全生产工作，防范各类事故发生，经研究，决定开展安全生产大检查。</p>
  <div>一、检查时间<br>二、检查范围：全区各类生产经营单位</div>
  <table><tr><th>单位</th><th>联系人</th></tr><tr><td>应急管理局</td><td>张三</td></tr></table>
  <p style="text-align: right">东安区人民政府</p>
 </div>
 <div class="share">分享到：微信 微博</div>
</div>
<div class="sidebar"><ul><li><a href="/1">相关文件一：关于做好防汛工作的通知</a></li></ul></div>
<div class="footer">版权所有：东安区人民政府办公室 网站标识码</div>
</body></html>
"""


def test_article_without_chrome_and_metadata_table(tmp_path):
    path = tmp_path / "通知.html"
    path.write_text(PAGE.format(charset="utf-8"), encoding="utf-8")
    document = read_document(path)
    assert document.format == "html"
    assert [(block.kind, block.text) for block in document.blocks] == [
        ("para", "关于开展安全生产检查的通知"),
        ("para", "各乡镇人民政府，区政府各部门："),
        ("para", "为切实做好安全生产工作，防范各类事故发生，经研究，决定开展安全生产大检查。"),
        ("para", "一、检查时间"),
        ("para", "二、检查范围：全区各类生产经营单位"),
        ("table_row", "单位\t联系人"),
        ("table_row", "应急管理局\t张三"),
        ("para", "东安区人民政府"),
    ]
    assert document.meta["page_metadata"] == {
        "发文机关": "东安区人民政府", "成文日期": "2024年3月1日",
        "标题": "关于开展安全生产检查的通知", "发文字号": "东政发〔2024〕3号",
    }
    assert document.meta["page_title"] == "关于开展检查的通知_政府网站"
    title = document.blocks[0].style
    assert (title.alignment, title.bold, title.font_size) == ("center", True, 18.0)
    assert document.blocks[-1].style.alignment == "right"


def test_declared_gbk_charset(tmp_path):
    path = tmp_path / "通知.htm"
    path.write_bytes(PAGE.format(charset="gb2312").encode("gbk"))
    document = read_document(path)
    assert document.meta["encoding"] == "gb18030"
    assert document.blocks[0].text == "关于开展安全生产检查的通知"


def test_real_pages_keep_the_article_and_drop_the_chrome(shared_dir):
    pages = sorted((shared_dir / "real-corpus").glob("platform-1__*.html"))
    assert pages
    for page in pages:
        document = read_document(page)
        text = "\n".join(block.text for block in document.blocks)
        metadata = document.meta["page_metadata"]
        assert {"发文机关", "成文日期", "标题", "发文字号"} <= set(metadata), page.name
        assert "扫一扫在手机打开当前页" not in text, page.name
        assert "索引号" not in text and "主题分类" not in text, page.name
        assert metadata["发文字号"] in text or metadata["标题"][-6:] in text, page.name
    example = read_document(shared_dir / "real-corpus" / "platform-1__gepolicy_id14_国函[2018]159号.html")
    assert example.meta["page_metadata"]["发文字号"] == "国函〔2018〕159号"
    assert example.meta["page_metadata"]["成文日期"] == "2018年12月25日"
    assert [block.text for block in example.blocks[:4]] == [
        "国务院关于河北雄安新区", "总体规划（2018—2035年）的批复", "国函〔2018〕159号", "河北省人民政府、国家发展改革委："]
    assert [block.text for block in example.blocks[-3:]] == ["国务院", "2018年12月25日", "（此件公开发布）"]


def test_a_deeply_nested_page_is_read(tmp_path):
    # Pages built of nested layout tables or divs: past 256 levels libxml2 dropped the text (no-text),
    # past about 1,000 the reader's own recursion failed.
    path = tmp_path / "嵌套.html"
    path.write_text("<html><body>" + "<div>" * 1500 + "<p>关于开展安全生产大检查的通知</p>" + "</div>" * 1500
                    + "</body></html>", encoding="utf-8")
    assert [block.text for block in read_document(path).blocks] == ["关于开展安全生产大检查的通知"]


def test_reading_nested_pages_is_linear(assert_linear):
    def page(depth: int) -> bytes:
        level = '<div class="nav">第一段正文内容<a href="#">相关链接</a><span>补充说明</span>'
        return ("<html><body>" + level * depth + "</div>" * depth + "</body></html>").encode("utf-8")

    assert_linear(lambda data: read_html(Path("嵌套.html"), data, ReadLimits()), page, 250)


HEADLINE_OUTSIDE_ARTICLE = """<html><head><meta charset="utf-8"><title>站点首页</title></head><body>
<div class="top">某某市人民政府</div>
<div class="main">
<h1>某某市人民政府办公室关于政务服务评价情况的通报。</h1>
<div class="meta">发布时间：2024-07-19　来源：市政府办公室</div>
<div class="article">
<p>各县市区人民政府，市人民政府各工作部门：</p>
<p>第二季度，全市各级政务服务机构共收到评价一百余万条，好评率较上季度有所提高，现将有关情况通报如下。</p>
<p>一、总体情况。各县市区、各部门高度重视政务服务评价工作，评价覆盖率继续提高。</p>
<p>某某市人民政府办公室</p>
</div></div></body></html>"""


def test_a_headline_printed_above_the_article_is_its_first_line(tmp_path):
    """Portals print the <h1> beside the article's <div>: without it the title, with its faults
    (here a closing 。), is lost from the text."""
    path = tmp_path / "通报.html"
    path.write_text(HEADLINE_OUTSIDE_ARTICLE, encoding="utf-8")
    lines = [block.text for block in read_document(path).blocks]
    assert lines[0] == "某某市人民政府办公室关于政务服务评价情况的通报。"
    assert lines[1] == "各县市区人民政府，市人民政府各工作部门："
    assert "站点首页" not in lines and "某某市人民政府" not in lines and not any("发布时间" in line for line in lines)
