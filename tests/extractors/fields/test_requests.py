"""request_items on realistic 请示 bodies: the exact number of matters and where each is."""
from __future__ import annotations

import dataclasses

import pytest

from gongwen.extractors.fields.requests import is_closing, request_items, same_object
from gongwen.pipeline.model import Span, Structure

# (case id, body paragraphs, one key phrase per expected item, in order)
CASES: list[tuple[str, list[str], list[str]]] = [
    ("one-ask-many-reasons", [
        "我局所属城区第二小学教学楼建于1987年，经房屋安全鉴定机构鉴定为C级危房。一是墙体裂缝严重，多处出现贯通裂缝；"
        "二是屋面防水层老化，雨季渗漏频繁；三是消防设施不达标，存在较大安全隐患。为保障师生生命安全，"
        "恳请区政府批准实施城区第二小学教学楼抗震加固工程。",
        "妥否，请批示。",
    ], ["教学楼抗震加固工程"]),
    ("one-project-budget-lines", [
        "为改善辖区居民出行条件，我局拟对南山路实施提质改造。现申请拨付南山路提质改造工程建设资金200万元，"
        "其中路面改造120万元、排水管网改造50万元、路灯及附属设施30万元。",
        "以上请示，请予审批。",
    ], ["南山路提质改造工程建设资金200万元"]),
    ("funds-and-staffing", [
        "为做好城区环卫保洁工作，现就有关事项请示如下：",
        "一、申请追加2024年环卫保洁经费80万元，用于购置清扫车辆及作业工具。",
        "二、申请为区环卫中心增加事业编制5名，用于充实一线管理力量。",
        "妥否，请批示。",
    ], ["环卫保洁经费80万元", "增加事业编制5名"]),
    ("three-asks", [
        "根据全区文化旅游工作安排，特请示如下：",
        "（一）同意我局于2024年9月举办第五届城区文化旅游节；",
        "（二）批准将城区文化馆更名为城区文化艺术中心；",
        "（三）核定城区图书馆事业编制3名。",
        "当否，请批示。",
    ], ["文化旅游节", "更名为城区文化艺术中心", "图书馆事业编制3名"]),
    ("ask-with-progress-report", [
        "区委、区政府高度重视老旧小区改造工作。截至目前，我局已完成桃北小区、义井小区等12个小区的改造任务，"
        "累计完成投资3600万元，惠及居民2800余户。剩余的东兴小区等3个小区改造工程已完成招标，计划于今年6月底前完工。"
        "由于今年上级补助资金下达不足，工程款支付存在缺口。为确保工程按期完工，恳请区政府拨付老旧小区改造工程资金450万元。",
        "妥否，请批示。",
    ], ["老旧小区改造工程资金450万元"]),
    ("past-approval-is-not-an-ask", [
        "经区政府同意，我局于2023年启动了城区智慧停车系统建设，目前已完成一期工程。按照区政府第15次常务会议纪要要求，"
        "二期工程需于2024年底前建成。为此，恳请区政府批准城区智慧停车系统二期工程实施方案，并拨付项目资金300万元。",
        "特此请示，请予批准。",
    ], ["智慧停车系统二期工程实施方案"]),
    ("project-then-its-funds", [
        "义井镇现有污水管网建于上世纪九十年代，管径偏小、破损严重，汛期污水外溢时有发生。为此，特请示如下：",
        "一、恳请区政府批准实施义井镇污水管网改造工程。",
        "二、申请拨付该工程建设资金380万元，其中管网铺设260万元、设备购置120万元。",
        "妥否，请批示。",
    ], ["污水管网改造工程"]),
    ("project-and-unrelated-staffing", [
        "恳请区政府批准建设城区应急物资储备库，所需资金由区财政统筹安排；同时，申请增加区应急管理局行政编制2名。",
        "妥否，请批示。",
    ], ["应急物资储备库", "行政编制2名"]),
    ("new-station-and-separate-budget", [
        "为满足辖区居民就近就医需求，恳请区政府批准增设上站街道社区卫生服务站，并追加2025年公共卫生专项经费50万元。",
        "妥否，请批示。",
    ], ["社区卫生服务站", "公共卫生专项经费50万元"]),
    ("only-a-plea-for-support", [
        "今年入汛以来，我镇连续遭受三次强降雨，造成辖区6处道路塌陷、2座桥涵受损，部分群众房屋进水。目前我镇已组织力量"
        "开展抢险，但灾后恢复资金缺口较大，镇级财力难以承担。恳请区政府给予支持。",
    ], ["给予支持"]),
    ("rules-for-approval", [
        "为进一步规范城区政府投资项目管理，我局起草了《城区政府投资项目管理办法（送审稿）》，已征求各部门意见并经法制审核。"
        "现将《办法》报上，请予审定。如无不妥，请以区政府名义印发实施。",
    ], ["《办法》报上"]),
    ("event-with-its-details", [
        "为展示城区发展成就，我局拟于2024年10月在城区文化广场举办“魅力城区”群众文艺汇演。现将有关事项请示如下：",
        "一、活动时间：2024年10月1日至3日。",
        "二、活动地点：城区文化广场。",
        "三、活动经费：约35万元，申请由区财政予以安排。",
        "妥否，请批示。",
    ], ["群众文艺汇演"]),
    ("land-for-a-car-park", [
        "为解决城区中心区域停车难问题，我局拟在原城区粮站地块建设立体停车场。恳请区政府同意将该地块（约8.6亩）"
        "划拨给我局用于停车场建设，并协调区自然资源局办理用地手续。",
        "妥否，请批示。",
    ], ["立体停车场"]),
    ("others-asked-before", [
        "近年来，辖区群众多次申请在北大街设置便民服务点，区人大代表也提出相关建议。为回应群众关切，我街道拟在北大街与"
        "桃北路交叉口设置便民服务站，开展代办缴费、政策咨询等服务。现将《北大街便民服务站设置方案》随文报上，请审定。",
    ], ["便民服务站"]),
    ("two-schools-two-amounts", [
        "恳请区政府拨付桃北小学操场改造资金60万元和义井中学食堂改造资金90万元。",
        "妥否，请批示。",
    ], ["桃北小学操场改造资金60万元", "义井中学食堂改造资金90万元"]),
    ("sections-with-problems-first", [
        "一、基本情况",
        "城区现有公办幼儿园8所，在园幼儿3200人，学位缺口约600个。",
        "二、存在的问题",
        "（一）学位供给不足，部分小区配套幼儿园未移交；",
        "（二）师资力量薄弱，专任教师缺编42名。",
        "三、请示事项",
        "为缓解入园难问题，恳请区政府同意将东城花园小区配套幼儿园移交我局举办为公办幼儿园。",
        "妥否，请批示。",
    ], ["东城花园小区配套幼儿园"]),
    ("staffing-with-its-breakdown", [
        "随着传染病防控任务日益繁重，区疾控中心检验检测和流调力量明显不足。为此，申请为区疾病预防控制中心增加专业技术"
        "岗位编制6名，其中检验岗位3名、流行病学调查岗位3名。",
        "妥否，请批示。",
    ], ["专业技术岗位编制6名"]),
    ("listing-and-preparatory-funds", [
        "城区第三中学现有综合楼为危房，已无法满足教学需要。恳请区政府将城区第三中学综合楼建设项目列入2025年政府投资计划，"
        "并安排该项目前期工作经费50万元。",
        "妥否，请批示。",
    ], ["第三中学综合楼建设项目"]),
    ("training-trip-paid-from-own-budget", [
        "为提升教师专业能力，我局拟组织全区中小学教师赴外地开展跟岗学习，时间为2024年7月15日至7月25日，共计120人，"
        "所需经费24万元从我局年度培训经费中列支。",
        "以上请示当否，请批示。",
    ], ["跟岗学习"]),
    ("plan-and-sports-games", [
        "为推进全民健身工作，现将有关事项请示如下：",
        "1.同意印发《城区全民健身实施计划（2024—2026年）》；",
        "2.同意于2024年8月举办城区第十届全民运动会，所需经费由区财政保障。",
        "妥否，请批示。",
    ], ["全民健身实施计划", "全民运动会"]),
    ("cost-overrun-after-earlier-approval", [
        "根据《城区人民政府关于同意实施城区集中供热管网改造工程的批复》（城政函〔2023〕45号），我局组织实施了集中供热"
        "管网改造工程，已完成投资2100万元。因材料价格上涨及设计变更，工程总投资需增加380万元。恳请区政府追加集中供热"
        "管网改造工程资金380万元。",
        "妥否，请批示。",
    ], ["集中供热管网改造工程资金380万元"]),
    ("we-will-apply-elsewhere", [
        "目前，城区养老服务中心主体工程已完工，正在进行内部装修。下一步，我局将积极申请上级专项资金，加快推进项目建设。"
        "因上级资金尚未到位，恳请区政府先行垫付项目资金150万元。",
        "妥否，请批示。",
    ], ["垫付项目资金150万元"]),
    ("proposal-after-colon", [
        "城区背街小巷路灯大多安装于2005年前后，损坏率高、能耗大，群众反映强烈。为此，我局建议：由区财政安排专项资金"
        "100万元，用于城区背街小巷路灯改造。",
        "当否，请批示。",
    ], ["专项资金100万元"]),
    ("two-asks-after-a-plea-header", [
        "为推动城区夜间经济发展，恳请区政府：一是同意在北大街设立夜间经济示范街区；二是安排夜间经济示范街区亮化改造资金"
        "120万元；三是为区商务局增加行政编制1名，专门负责夜间经济工作。",
        "妥否，请批示。",
    ], ["夜间经济示范街区", "行政编制1名"]),
    ("centre-with-reasons-after", [
        "恳请区政府批准成立城区网格化服务管理中心。主要理由如下：一是整合资源的需要，目前全区网格管理职能分散在6个部门；"
        "二是提升效能的需要，多头管理导致群众诉求办理周期长；三是落实上级要求的需要。该中心拟定为区政府直属公益一类事业单位。",
        "妥否，请批示。",
    ], ["网格化服务管理中心"]),
    ("ask-for-a-ruling", [
        "关于城区棚户区改造中无证房屋补偿标准如何执行的问题，目前上级文件未作明确规定，各街道执行口径不一。对此，"
        "恳请区政府予以明确。",
    ], ["予以明确"]),
    ("two-paragraphs-two-matters", [
        "按照上级部署，我局编制了城区2024年度城镇老旧小区改造计划，恳请区政府批准城区2024年度城镇老旧小区改造计划。",
        "另外，我局办公楼年久失修，屋顶漏雨严重，恳请区政府安排办公楼维修资金35万元。",
        "妥否，请批示。",
    ], ["城镇老旧小区改造计划", "办公楼维修资金35万元"]),
    ("one-project-two-years", [
        "恳请区政府安排城区北环路改造工程2024年建设资金500万元、2025年建设资金300万元。",
        "妥否，请批示。",
    ], ["北环路改造工程"]),
    ("reasons-enumerated-then-list-header", [
        "近年来，我区老年人口快速增长。一是60岁以上老年人口已达4.2万人；二是失能半失能老人超过3000人；三是现有养老床位"
        "严重不足。为此，特请示如下：",
        "（一）批准在上站街道建设区级综合养老服务中心；",
        "（二）申请安排该中心建设资金600万元。",
        "妥否，请批示。",
    ], ["综合养老服务中心"]),
    ("closing-formula-alone-is-nothing", [
        "我局拟于2024年5月组织开展城区第二届读书节活动，活动经费8万元由我局自行解决。",
        "特此请示，恳请批准。",
    ], ["读书节活动"]),
    # more cases: meetings, personnel, procedures, budget tables, asks for instruction
    ("meeting-with-leader", [
        "为部署全年安全生产工作，恳请区政府同意以区政府名义召开全区安全生产工作会议，并请区长出席会议并讲话。",
        "妥否，请批示。",
    ], ["安全生产工作会议"]),
    ("two-funds-two-events", [
        "春节将至，为做好困难群众慰问工作，恳请区政府安排春节慰问困难群众资金50万元。",
        "同时，我局拟于3月举办全区春季招聘会，恳请区政府拨付招聘会专项经费10万元。",
        "妥否，请批示。",
    ], ["慰问困难群众资金50万元", "招聘会专项经费10万元"]),
    ("road-budget-lines", [
        "现申请2024年城区道路维修资金350万元，具体如下：",
        "1.北大街维修200万元；",
        "2.桃北路维修150万元。",
        "妥否，请批示。",
    ], ["道路维修资金350万元"]),
    ("personnel", [
        "经局党组研究，拟推荐张某某同志任城区教育局副局长，现报请区政府审批。",
    ], ["副局长"]),
    ("reasons-numbered", [
        "近年来，我区老年人学习需求日益旺盛。",
        "1.老年人口持续增加，全区60岁以上人口已达4.2万人；",
        "2.现有老年大学学位仅800个，报名人数连年超过2000人；",
        "3.上级要求每个县区至少建成1所老年大学分校。",
        "为此，恳请区政府批准设立城区老年大学分校。",
        "妥否，请批示。",
    ], ["老年大学分校"]),
    ("same-project-procedure", [
        "为完善城区公共体育设施，我局组织编制了城区体育中心建设项目可行性研究报告。恳请区政府批准城区体育中心建设项目可"
        "行性研究报告。",
        "同时，恳请区政府协调区自然资源局加快办理体育中心项目用地预审手续。",
        "妥否，请批示。",
    ], ["可行性研究报告"]),
    ("policy-and-staffing", [
        "为加强物业管理工作，现就有关事项请示如下：一是审定《城区物业管理考核办法》；二是为区住建局物业科增加编制2名。",
        "妥否，请批示。",
    ], ["物业管理考核办法", "编制2名"]),
    ("earlier-request-approved", [
        "我局曾于2023年5月申请城区公园提升改造资金300万元，区政府已批复同意并拨付180万元。目前工程已全面完工"
        "并通过验收。现恳请区政府拨付剩余资金120万元。",
        "妥否，请批示。",
    ], ["剩余资金120万元"]),
    ("proposal-list", [
        "7月以来的持续降雨造成我区多处道路和桥梁受损。为此，建议：",
        "（一）由区财政安排应急抢险资金200万元；",
        "（二）对受损严重的3座桥梁实施加固改造。",
        "妥否，请批示。",
    ], ["应急抢险资金200万元", "桥梁实施加固改造"]),
    ("plea-then-specific", [
        "我镇垃圾中转站建设资金缺口较大，恳请区政府高度重视，帮助我镇解决垃圾中转站建设资金缺口问题，拨付专项资金80万"
        "元。",
    ], ["专项资金80万元"]),
    ("rename-with-unchanged-staffing", [
        "恳请区政府同意将城区第一幼儿园更名为城区实验幼儿园，更名后隶属关系、经费渠道、人员编制不变。",
        "妥否，请批示。",
    ], ["更名为城区实验幼儿园"]),
    ("first-second-third-one-project", [
        "第一，同意启动城区供热老旧管网改造工程；第二，安排工程资金1500万元；第三，同意由区住建局作为项目实施主体。",
        "妥否，请批示。",
    ], ["供热老旧管网改造工程"]),
    ("dept-fund-three-paragraphs", [
        "城区第五中学现有学生宿舍楼建于1992年，供暖管道锈蚀严重，冬季室温长期低于14摄氏度。",
        "今年入冬以来，学生及家长多次反映宿舍寒冷问题，学校已采取临时措施，但无法从根本上解决。",
        "为保障学生正常学习生活，恳请区政府拨付城区第五中学宿舍楼供暖管网改造资金65万元。",
        "妥否，请批示。",
    ], ["供暖管网改造资金65万元"]),
    ("investment-trip", [
        "为加大招商引资力度，恳请区政府同意我委赴深圳开展招商引资考察活动，考察时间5天，人员6名，所需经费约6万元从招"
        "商专项经费中列支。",
        "妥否，请批示。",
    ], ["招商引资考察活动"]),
    ("hospital-move-and-beds", [
        "现将有关事项请示如下：",
        "一、关于城区中医院搬迁问题",
        "城区中医院现址房屋老化，业务用房严重不足。恳请区政府同意城区中医院整体搬迁至新院区。",
        "二、关于增加中医院床位问题",
        "搬迁后医院服务能力将显著提升，现有编制床位已不能满足需要。恳请区政府同意核增城区中医院编制床位100张。",
        "妥否，请批示。",
    ], ["整体搬迁至新院区", "编制床位100张"]),
    ("plea-to-solve", [
        "城区第五中学学生宿舍供暖不达标问题已持续两个采暖季，学校多次与供热企业协商未果。请求区政府帮助解决城区第五中学"
        "学生宿舍供暖问题。",
    ], ["宿舍供暖问题"]),
    ("list-and-support", [
        "恳请区政府将城区东部片区棚户区改造项目列入2025年区重点工程，并在土地、资金等方面给予支持。",
        "妥否，请批示。",
    ], ["棚户区改造项目"]),
    ("hours-and-staffing", [
        "经区政府同意，城区图书馆新馆已于2023年建成开放。为进一步发挥新馆作用，恳请区政府同意图书馆延长开放时间至晚"
        "上9点，并为图书馆增加事业编制4名。",
        "妥否，请批示。",
    ], ["延长开放时间", "事业编制4名"]),
    ("budget-table", [
        "恳请区政府拨付城区智慧社区平台建设资金300万元，资金明细见下表：",
        ("序号", "项目", "金额（万元）"),
        ("1", "平台开发", "180"),
        ("2", "设备购置", "120"),
        "妥否，请批示。",
    ], ["智慧社区平台建设资金300万元"]),
    ("ask-for-instruction", [
        "近期，部分企业以“集中供热设施归属不清”为由拒绝缴纳供热配套费。对于上述情况，我局应如何处理，请予指示。",
    ], ["如何处理"]),
    ("one-project-three-lines", [
        "恳请区政府：（1）拨付城区污水处理厂提标改造工程前期费用50万元；（2）拨付该工程主体建设资金800万元；（3"
        "）拨付该工程设备购置资金350万元。",
        "妥否，请批示。",
    ], ["污水处理厂提标改造工程前期费用50万元"]),
    ("proposal-approved-in-its-sentence-then-staffing", [
        "南环路部分路段路面破损严重，拟于5月实施维修，所需资金86万元，请予审批。",
        "同时，因环卫作业面积扩大，恳请增加环卫事业编制10名。",
        "妥否，请批示。",
    ], ["实施维修", "环卫事业编制10名"]),
    ("new-station-approved-then-its-separate-fund", [
        "为方便群众就医，拟在东城社区增设卫生服务站一处，请予批准。另，为保障服务站运行，请求追加专项经费30万元。",
        "妥否，请批示。",
    ], ["东城社区增设卫生服务站", "追加专项经费30万元"]),
    ("proposal-with-its-own-closing-sentence", [
        "我局拟于今年6月在城区体育场举办第三届社区运动会，所需经费由我局自筹解决。",
        "特此请示，请予批准。",
    ], ["社区运动会"]),
    ("explicit-ask-then-a-proposal-in-the-same-sentence", [
        "恳请区政府拨付南环路维修资金86万元，我局拟于5月下旬启动施工招标，妥否，请批示。",
    ], ["南环路维修资金86万元"]),
    ("plan-described-in-labelled-sections-closed-by-the-formula", [
        "我委拟建设咸阳市急救指挥调度中心，现请示如下：",
        "一、建设内容。新建调度大厅及座席30个，建设急救调度信息系统。",
        "二、建设地点。利用市中心医院北院区现有业务用房改造。",
        "三、投资及资金来源。项目总投资2680万元，市级财政安排1180万元。",
        "四、建设周期。2025年6月开工，2026年6月建成投用。",
        "妥否，请批示。",
    ], ["建设咸阳市急救指挥调度中心"]),
    ("sections-of-a-plan-and-the-ask-in-the-closing-sentence", [
        "我局会同区财政局拟定了《老旧小区改造项目实施方案》。现将有关情况请示如下。",
        "一、改造范围。2025年计划改造老旧小区14个。",
        "二、改造内容。基础类改造包括供排水、供热管网。",
        "以上事项妥否，请审定《实施方案》（含资金筹措方案）。",
    ], ["审定《实施方案》"]),
    ("a-paragraph-turning-to-another-matter-asks-for-it", [
        "经县委、县政府研究，拟将官厅村、山底村合并设立官山村，村民委员会驻原官厅村。",
        "另，今年5月我县遭受冰雹灾害，直接经济损失约1.1亿元。恳请市政府安排救灾资金500万元，用于受灾果农生产恢复。",
        "以上妥否，请批示。",
    ], ["合并设立官山村", "救灾资金500万元"]),
    ("a-turn-to-a-plan-asked-for-in-a-closing-paragraph-for-both", [
        "我局编制了前进路雨污分流改造工程实施方案，拟新建污水管道3.4公里，工程总投资2860万元。",
        "另外，我局拟于今年下半年组织开展最美物业项目评选活动。",
        "恳请区政府批准实施前进路雨污分流改造工程，并同意我局组织开展最美物业项目评选活动。",
        "妥否，请批示。",
    ], ["雨污分流改造工程", "最美物业项目评选活动"]),
    ("report-then-vehicles", [
        "现将2024年上半年安全生产工作情况报告如下：上半年全区未发生较大以上生产安全事故，各项指标均控制在市下达目标"
        "以内。同时，鉴于我局执法力量不足，恳请区政府为我局增加执法车辆2辆。",
        "妥否，请批示。",
    ], ["执法车辆2辆"]),
]


def _items(make_document, paragraphs):
    return request_items(make_document(paragraphs))


@pytest.mark.parametrize(("paragraphs", "keys"), [case[1:] for case in CASES], ids=[case[0] for case in CASES])
def test_items_count_and_key_phrases(make_document, paragraphs, keys):
    items = _items(make_document, paragraphs)
    assert [item.text for item in items] and len(items) == len(keys), [item.text for item in items]
    for item, key in zip(items, keys):
        assert key in item.text, (key, item.text)


@pytest.mark.parametrize(("paragraphs", "keys"), [case[1:] for case in CASES[:6]], ids=[c[0] for c in CASES[:6]])
def test_offsets_point_at_the_item_text(make_document, paragraphs, keys):
    doc = make_document(paragraphs)
    for item in request_items(doc):
        assert doc.text[item.start:item.end] == item.text
        assert not item.text.endswith(("。", "，", "；"))


def test_enumeration_marker_is_not_part_of_the_item(make_document):
    items = _items(make_document, CASES[2][1])
    assert items[0].text.startswith("申请追加")
    assert items[1].text.startswith("申请为区环卫中心")


def test_budget_lines_extend_the_item(make_document):
    (item,) = _items(make_document, CASES[1][1])
    assert "其中路面改造120万元" in item.text and item.text.endswith("路灯及附属设施30万元")


def test_a_full_document_skips_title_recipient_and_signature(make_document):
    lines = ["城区教育局关于申请拨付第二小学教学楼加固资金的请示", "", "区人民政府：", *CASES[0][1], "",
             "附件：城区第二小学教学楼安全鉴定报告", "城区教育局", "2024年3月5日", "（联系人：张某某，联系电话：0353-1234567）"]
    items = _items(make_document, lines)
    assert len(items) == 1 and "抗震加固工程" in items[0].text


def test_body_span_limits_the_search(make_document):
    title = "关于申请增加编制和追加经费的请示"
    doc = make_document([title, "区人民政府：", *CASES[4][1]])
    body_start = doc.text.index("区委")
    structure = Structure({"body": (Span(body_start, len(doc.text)),)})
    items = request_items(dataclasses.replace(doc, structure=structure))
    assert len(items) == 1 and items[0].start >= body_start


@pytest.mark.parametrize("paragraphs", [
    [],
    [""],
    ["特此通知。"],
    ["一、", "（一）", "1."],
    ["妥否，请批示。"],
    ["现将有关事项请示如下：", "妥否，请批示。"],
    ["根据区政府安排，现将2023年工作总结报告如下：全年完成投资1.2亿元，新建道路3条。", "特此报告。"],
], ids=["empty", "blank-line", "notice-closing", "bare-markers", "only-closing", "only-intro", "report"])
def test_documents_without_asks(make_document, paragraphs):
    assert request_items(make_document(paragraphs)) == ()


def test_a_report_that_slips_in_a_request_is_seen(make_document):
    doc = make_document(["今年以来，我局认真落实区政府部署，各项工作进展顺利。", "下一步，恳请区政府安排专项资金支持智慧校园建设。",
                         "特此报告。"])
    items = request_items(doc)
    assert len(items) == 1 and "智慧校园" in items[0].text


@pytest.mark.parametrize("text", ["妥否，请批示。", "以上请示当否，请批示。", "特此请示，恳请批准。", "恳请区政府批准为盼。",
                                  "如无不妥，请予批准。", "请审批。"])
def test_closing_formulas(text):
    assert is_closing(text)


@pytest.mark.parametrize("text", ["恳请区政府批准实施义井镇污水管网改造工程。", "请予拨付资金200万元。"])
def test_asks_are_not_closing_formulas(text):
    assert not is_closing(text)


@pytest.mark.parametrize(("a", "b", "same"), [
    ("南山路提质", "南山路提质", True),
    ("教学楼抗震加固", "第二小学教学楼抗震加固", True),
    ("夜间经济示范街区亮化", "北大街夜间经济示范街区", True),
    ("第五届文化旅游节", "文化馆更名文化艺术中心", False),
    ("桃北小学操场", "义井中学食堂", False),
    ("", "义井中学食堂", False),
])
def test_same_object(a, b, same):
    assert same_object(a, b) is same


def test_staffing_ask_after_a_fund_ask_is_its_own_matter_even_without_an_object_core(make_document):
    doc = make_document([
        "区教育局关于申请校舍维修资金的请示",
        "区人民政府：",
        "我局所属三所小学校舍老化，存在安全隐患。为保障师生安全，恳请区政府拨付校舍维修资金50万元。",
        "同时，恳请区政府为我局增加事业编制2名。",
        "妥否，请批示。",
    ])
    items = request_items(doc)
    assert [("维修资金" in item.text, "编制" in item.text) for item in items] == [(True, False), (False, True)]


def test_an_item_wrapped_by_hard_breaks_reads_as_one_line(make_document):
    doc = make_document(["经研究，拟将烟霞镇官厅村、山底村、上寨村3个行政村合并\n设立烟霞镇官山村，村民委员会驻原官厅村，请予批准。",
                         "妥否，请批示。"])
    (item,) = request_items(doc)
    assert "合并设立烟霞镇官山村" in item.text and "\n" not in item.text
    assert doc.text[item.start:item.end].replace("\n", "") == item.text


def test_an_application_to_another_body_is_no_ask_of_the_recipient(make_document):
    """「由承办单位向公安机关申请安全许可」 describes the plan; the recipient is asked only to approve it."""
    items = _items(make_document, [
        "我局拟于2024年9月20日在渭河古渡遗址公园举办文化旅游季开幕活动。现将有关事项请示如下：",
        "一、活动内容。开幕式包括非遗展演和消费券首发等环节。",
        "二、安全保障。由承办单位按规定向公安机关申请安全许可，我局会同承办单位制定应急预案。",
        "恳请批准举办2024咸阳古渡文化旅游季开幕活动。",
        "妥否，请批示。",
    ])
    (item,) = items
    assert "举办2024咸阳古渡文化旅游季开幕活动" in item.text and "公安机关" not in item.text


def test_a_demonstrative_pointing_at_something_named_anew_opens_another_matter(make_document):
    """「该中心」 points at the 推广中心 the paragraph introduces, not at the farmland money before it."""
    items = _items(make_document, [
        "为确保项目按期开工，恳请区政府安排2025年高标准农田建设区级配套资金360万元。",
        "另外，我局下属区农业技术推广中心承担全区农产品质量安全例行监测任务，现有检测设备已不能满足要求。"
        "恳请区政府同意该中心购置农产品质量安全快速检测设备一批，所需资金约26万元。",
        "妥否，请批示。",
    ])
    assert len(items) == 2 and "检测设备" in items[1].text


def test_a_listed_ask_about_the_works_is_the_works_itself(make_document):
    """「恳请同意实施…工程：一是批准工程实施方案；二是同意工程于…施工；三是同意工程所需资金…列支」 is one matter."""
    (item,) = _items(make_document, [
        "为此，恳请市政府同意实施渭河三号桥桥面维修工程：一是批准工程实施方案，更换伸缩缝14道；"
        "二是同意工程于2025年7月至9月分两个阶段施工；三是同意工程所需资金386万元从市级交通基础设施养护资金中列支。",
        "妥否，请批示。",
    ])
    assert "渭河三号桥桥面维修工程" in item.text


def test_an_ask_made_along_with_the_plan_is_a_second_matter(make_document):
    items = _items(make_document, [
        "我局拟在北大街开办季节性便民夜市，夜市设标准化摊位120个。考虑到我局承办的招商推介会定于6月中旬举行，"
        "其场地租赁费用尚无着落，请区政府一并批准追加招商推介会经费18.6万元。",
        "以上请示妥否，请批示。",
    ])
    assert [("夜市" in item.text, "推介会" in item.text) for item in items] == [(True, False), (False, True)]


def test_asks_in_the_rows_of_a_table_are_read_row_by_row(make_document):
    items = _items(make_document, [
        "现将需要市政府研究决定的事项列表请示如下：",
        ("序号", "请示事项", "说明"),
        ("1", "同意开展全市1%人口抽样调查，安排工作经费186万元", "用于调查员劳务补助和数据处理"),
        ("2", "同意市统计局增设数据管理科，核定行政编制3名", "承担统计数据资源整合工作"),
        ("3", "同意将市统计局原档案室改建为统计数据分析实验室", "所需资金从局机关运转经费中调剂"),
        "以上事项妥否，请批示。",
    ])
    assert len(items) == 3 and "\t" not in items[0].text
    assert ["抽样调查" in items[0].text, "数据管理科" in items[1].text, "实验室" in items[2].text] == [True] * 3


def test_labelled_pieces_of_the_request_section_are_matters_of_their_own(make_document):
    """「现就两个事项请示如下：一、学校更名。…二、扩大招生规模。…我校拟自2025年秋季学期起，七年级招生由8个班增加到10个班」."""
    items = _items(make_document, [
        "为此，现就两个事项请示如下：",
        "一、学校更名。为进一步彰显办学特色，拟将“晋城市城区凤鸣中学”更名为“晋城市城区凤鸣实验中学”。",
        "二、扩大招生规模。随着新建住宅交付，学区内小学毕业生人数逐年增加。我校拟自2025年秋季学期起，七年级招生由8个班增加到10个班。",
        "以上请示，请予批准。",
    ])
    assert len(items) == 2 and "更名" in items[0].text and "招生" in items[1].text


def test_central_funds_the_department_applies_for_are_no_ask_of_the_recipient(make_document):
    (item,) = _items(make_document, [
        "项目总投资320万元，申请使用中央财政衔接推进乡村振兴补助资金，由东安区财政局在衔接资金中统筹安排并按工程进度拨付。",
        "恳请区政府批准实施2024年设施蔬菜大棚提档升级项目。",
        "妥否，请批示。",
    ])
    assert "批准实施2024年设施蔬菜大棚提档升级项目" in item.text


@pytest.mark.parametrize(("paragraphs", "expected"), [
    (["请市政府命名上述12所幼儿园为2024年度咸阳市级示范幼儿园。",
      "另外，我局拟于今年9月中旬召开全市学前教育工作推进会，请市政府同意召开。", "妥否，请批示。"], 2),
    (["为确保7月底前全面开工，请区政府从2024年区级预算安排的城市更新专项资金中拨付上述区级配套资金1260万元。",
      "同时，义井小区等5个小区管网老化，我局拟将其纳入2025年改造计划，一并请区政府研究同意。", "妥否，请批示。"], 2),
    (["现就调整事宜请示如下：", "一、城市低保标准由每人每月680元提高到每人每月715元。",
      "二、农村低保标准由每人每年6400元提高到每人每年6800元。调整后，我区城乡低保标准均不低于全市平均水平。", "妥否，请批示。"], 1),
    # text pasted from a PDF: a hard break every line, inside words (「统筹解」 / 「决」)
    (["为提升基层服务能力，我办拟对该中心实施提档升级改造：一是", "将相邻闲置的原社区卫生站用房约180平方米并入，扩大办事",
      "大厅；二是增设无障碍坡道、低位服务台和母婴室；三是更新消", "防、照明和网络设施。经测算，改造费用共计68万元，拟从我",
      "办2024年度公用经费结余和上级社区建设补助资金中统筹解", "决，不需区级财政另行安排。",
      "以上改造方案，妥否，请批示。"], 1),
])
def test_asks_written_the_ways_offices_write_them(make_document, paragraphs, expected):
    assert len(_items(make_document, paragraphs)) == expected
