// Common Chinese surnames for recognising personal-name columns (Art. 11 intelligent identification).
// About 330 frequent single-character surnames (after the national household-register rankings), with
// Manchu-origin ones common in Heilongjiang (佟 关 那 富), and the compound surnames.
const SINGLE =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许韩邓冯曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任卢姚沈钟姜崔谭陆范汪廖石金韦贾夏付傅方邹熊白孟秦邱侯江尹薛闫阎段雷龙黎史陶贺毛郝顾龚邵万覃武钱戴严莫孔向常汤康易乔赖文施洪辛柯庄樊牛葛邢安齐伍庞颜倪聂章鲁岳翟申殷詹欧耿关兰焦俞左柳甘祝包宁尚符舒阮纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游管柴鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟蔺楼满闻位厉伊仝郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍那富';

export const COMPOUND_SURNAMES = [
  '欧阳',
  '司马',
  '诸葛',
  '上官',
  '东方',
  '皇甫',
  '尉迟',
  '公孙',
  '慕容',
  '长孙',
  '宇文',
  '司徒',
  '夏侯',
  '轩辕',
  '令狐',
  '钟离',
  '端木',
  '南宫',
  '独孤',
  '呼延',
  '申屠',
  '赫连',
  '澹台',
  '西门',
  '百里',
  '拓跋',
  '爱新觉罗',
];

export const SINGLE_SURNAMES: ReadonlySet<string> = new Set(Array.from(SINGLE));
