import type { DeviceType } from '../api/schemas/common';

/** Word lists for the demo-data seeder: names, devices and problems as a shop in China sees them. */

/** Common surnames, roughly in order of frequency (the seeder favours the front of the list). */
export const CN_SURNAMES = [
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤',
  '欧阳',
  '司马',
  '上官',
];

export const CN_GIVEN = [
  ...'伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚英华玉兰辉鹏飞斌宇浩凯婷雪琳晨欣怡佳子涵梓轩博文思雨嘉俊哲睿宁建国志海春红晓振龙昊然萱诗瑶晶颖慧亮峰鑫波成林云帆磊倩蕾楠阳',
];

export const EN_FIRST = [
  'James', 'Mary', 'John', 'Patricia', 'Robert', 'Jennifer', 'Michael', 'Linda', 'David', 'Elizabeth',
  'William', 'Susan', 'Richard', 'Jessica', 'Thomas', 'Sarah', 'Daniel', 'Karen', 'Matthew', 'Emily',
  'Kevin', 'Grace', 'Jason', 'Amy', 'Eric', 'Helen', 'Tony', 'Cindy', 'Jack', 'Lucy', 'Peter', 'Anna',
  'Oliver', 'Sophie', 'Lucas', 'Chloe', 'Ethan', 'Olivia', 'Ryan', 'Hannah', 'Vincent', 'Iris', 'Leo', 'Mia',
];

export const EN_LAST = [
  'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Miller', 'Davis', 'Wilson', 'Taylor', 'Anderson',
  'Thomas', 'Moore', 'Martin', 'Clark', 'Walker', 'Hall', 'Young', 'King', 'Wright', 'Scott', 'Green',
  'Baker', 'Evans', 'Turner', 'Hughes', 'Murphy', 'Cook', 'Wang', 'Li', 'Zhang', 'Chen', 'Liu', 'Wong',
  'Tan', 'Lim', 'Ng', 'Lee', 'Chan', 'Nguyen', 'Kim', 'Park', 'Singh', 'Müller', "O'Brien",
];

export const EMAIL_DOMAINS_CN = ['qq.com', '163.com', '126.com', 'sina.com', 'foxmail.com', 'outlook.com'];
export const EMAIL_DOMAINS_EN = ['gmail.com', 'outlook.com', 'yahoo.com', 'icloud.com', 'hotmail.com'];

/** Mainland mobile prefixes (3 digits) in rough proportion to how often they appear. */
export const CN_MOBILE_PREFIXES = [
  '130', '131', '132', '133', '135', '136', '137', '138', '139', '150', '151', '152', '155', '156', '157',
  '158', '159', '166', '170', '176', '177', '178', '180', '181', '182', '183', '185', '186', '187', '188',
  '189', '191', '195', '198', '199', '135', '138', '139', '186', '188',
];

export interface CatalogModel {
  type: DeviceType;
  brand: string;
  model: string;
  /** Relative popularity at the counter. */
  weight: number;
  /** Launch year: purchase dates are drawn after it. */
  year: number;
}

const m = (type: DeviceType, brand: string, model: string, weight: number, year: number): CatalogModel => ({
  type,
  brand,
  model,
  weight,
  year,
});

export const CATALOG: readonly CatalogModel[] = [
  m('phone', 'Apple', 'iPhone 15 Pro', 9, 2023),
  m('phone', 'Apple', 'iPhone 15', 8, 2023),
  m('phone', 'Apple', 'iPhone 14 Pro Max', 7, 2022),
  m('phone', 'Apple', 'iPhone 13', 8, 2021),
  m('phone', 'Apple', 'iPhone 12', 5, 2020),
  m('phone', 'Apple', 'iPhone 11', 4, 2019),
  m('phone', 'Apple', 'iPhone 16 Pro', 6, 2024),
  m('phone', 'Huawei', 'Mate 60 Pro', 9, 2023),
  m('phone', 'Huawei', 'Mate 60', 6, 2023),
  m('phone', 'Huawei', 'P60 Pro', 5, 2023),
  m('phone', 'Huawei', 'nova 12', 5, 2023),
  m('phone', 'Huawei', 'Pura 70', 5, 2024),
  m('phone', 'Xiaomi', 'Xiaomi 14', 7, 2023),
  m('phone', 'Xiaomi', 'Xiaomi 13', 5, 2022),
  m('phone', 'Xiaomi', 'Redmi Note 13 Pro', 7, 2023),
  m('phone', 'Xiaomi', 'Redmi K70', 5, 2023),
  m('phone', 'Samsung', 'Galaxy S24', 4, 2024),
  m('phone', 'Samsung', 'Galaxy S23 Ultra', 3, 2023),
  m('phone', 'Samsung', 'Galaxy Z Flip5', 2, 2023),
  m('phone', 'OPPO', 'Find X7', 5, 2024),
  m('phone', 'OPPO', 'Reno 11', 5, 2023),
  m('phone', 'vivo', 'X100 Pro', 5, 2023),
  m('phone', 'vivo', 'S18', 4, 2023),
  m('phone', 'Honor', 'Magic6 Pro', 4, 2024),
  m('phone', 'Honor', 'Honor 90', 4, 2023),
  m('phone', 'OnePlus', 'OnePlus 12', 3, 2023),
  m('phone', 'Google', 'Pixel 8', 1, 2023),
  m('laptop', 'Lenovo', 'ThinkPad X1 Carbon Gen 11', 4, 2023),
  m('laptop', 'Lenovo', 'ThinkPad T14', 3, 2022),
  m('laptop', 'Lenovo', 'Legion Y9000P', 4, 2023),
  m('laptop', 'Lenovo', 'Xiaoxin Pro 14', 4, 2023),
  m('laptop', 'Apple', 'MacBook Air M2', 5, 2022),
  m('laptop', 'Apple', 'MacBook Pro 14 M3', 3, 2023),
  m('laptop', 'Huawei', 'MateBook X Pro', 3, 2023),
  m('laptop', 'Huawei', 'MateBook 14', 3, 2022),
  m('laptop', 'Dell', 'XPS 13', 2, 2022),
  m('laptop', 'HP', 'Pavilion 15', 2, 2021),
  m('laptop', 'ASUS', 'ROG Zephyrus G14', 2, 2023),
  m('laptop', 'Xiaomi', 'RedmiBook Pro 15', 2, 2022),
  m('tablet', 'Apple', 'iPad Air', 5, 2022),
  m('tablet', 'Apple', 'iPad Pro 11', 3, 2022),
  m('tablet', 'Apple', 'iPad (10th generation)', 4, 2022),
  m('tablet', 'Huawei', 'MatePad Pro 13.2', 3, 2023),
  m('tablet', 'Huawei', 'MatePad 11', 3, 2023),
  m('tablet', 'Xiaomi', 'Xiaomi Pad 6', 3, 2023),
  m('tablet', 'Samsung', 'Galaxy Tab S9', 1, 2023),
  m('console', 'Nintendo', 'Switch OLED', 4, 2021),
  m('console', 'Nintendo', 'Switch', 2, 2017),
  m('console', 'Sony', 'PS5', 3, 2020),
  m('console', 'Sony', 'PS4 Pro', 1, 2016),
  m('console', 'Microsoft', 'Xbox Series X', 2, 2020),
  m('console', 'Valve', 'Steam Deck', 1, 2022),
  m('watch', 'Apple', 'Watch Series 9', 3, 2023),
  m('watch', 'Apple', 'Watch Ultra 2', 1, 2023),
  m('watch', 'Huawei', 'Watch GT 4', 3, 2023),
  m('watch', 'Xiaomi', 'Watch S3', 1, 2023),
  m('desktop', 'Apple', 'iMac 24 M3', 1, 2023),
  m('desktop', 'Lenovo', 'ThinkCentre M90q', 1, 2022),
  m('other', 'DJI', 'Mini 4 Pro', 1, 2023),
  m('other', 'Sony', 'WH-1000XM5', 1, 2022),
];

/** A few real-looking Type Allocation Codes (first 8 IMEI digits) per phone brand. */
export const TACS: Record<string, string[]> = {
  Apple: ['35391110', '35407115', '35325810', '35688211'],
  Huawei: ['86401605', '86728104', '86884603'],
  Xiaomi: ['86756805', '86869405', '86151106'],
  Samsung: ['35290611', '35162173', '35893210'],
  OPPO: ['86677106', '86411205'],
  vivo: ['86015406', '86233806'],
  Honor: ['86979505', '86104707'],
  OnePlus: ['86352405'],
  Google: ['35856930'],
};

/** Serial-number shapes per brand: the prefix, then this many upper-case letters/digits. */
export const SERIAL_SHAPES: Record<string, [string, number]> = {
  Apple: ['C02', 9],
  Lenovo: ['PF', 6],
  Huawei: ['HW', 14],
  Xiaomi: ['XM', 12],
  Dell: ['', 7],
  HP: ['5CD', 7],
  ASUS: ['N', 11],
  Nintendo: ['XKJ', 9],
  Sony: ['E', 10],
  Microsoft: ['0', 11],
  Valve: ['FVAA', 8],
  Samsung: ['R5', 9],
  DJI: ['1581F', 9],
};

/** Problems as customers describe them, in both languages (many shops take both). */
export const PROBLEMS: Record<DeviceType | 'any', string[]> = {
  any: [
    '无法开机',
    'does not turn on',
    '充电没反应',
    'not charging',
    '进水了',
    'water damage, dropped in the sink',
    '摔了一下之后有问题',
    'stopped working after a fall',
    '经常死机重启',
    'keeps restarting',
    '发热严重',
    'gets very hot',
    '按键失灵',
    'buttons not responding',
  ],
  phone: [
    '屏幕碎裂',
    'cracked screen',
    '电池不耐用，掉电快',
    'battery drains fast',
    '听筒没有声音',
    'no sound from speaker',
    '摄像头模糊',
    'camera blurry',
    '触摸失灵',
    'touch screen unresponsive',
    '无信号 / 无法识别SIM卡',
    'no signal, SIM not detected',
    '充电口接触不良',
    'charging port loose',
    '面容ID无法使用',
    'Face ID not working',
    '屏幕有绿线',
    'green line on the display',
    '麦克风没声音，对方听不见',
    'microphone not working on calls',
  ],
  laptop: [
    '键盘部分按键失灵',
    'some keys do not work',
    '屏幕闪烁',
    'screen flickers',
    '风扇噪音大',
    'fan very loud',
    '电池鼓包',
    'battery swollen',
    '开机蓝屏',
    'blue screen on boot',
    '铰链断裂',
    'hinge broken',
    '触控板不灵',
    'trackpad not clicking',
    '系统很慢，要重装系统',
    'very slow, needs a clean install',
  ],
  tablet: [
    '屏幕碎裂',
    'cracked screen',
    '电池不耐用',
    'battery drains fast',
    '充不进电',
    'will not charge',
    '触摸有断触',
    'touch drops out in places',
  ],
  console: [
    '手柄漂移',
    'Joy-Con drift',
    'HDMI无输出',
    'no HDMI output',
    '光驱不读盘',
    'disc drive does not read',
    '风扇噪音大过热',
    'overheats, loud fan',
    '无法连接网络',
    'cannot connect to Wi-Fi',
  ],
  watch: [
    '屏幕碎裂',
    'cracked screen',
    '表带扣坏了',
    'strap lug broken',
    '不计步/心率不准',
    'heart rate sensor inaccurate',
    '续航变短',
    'battery life short',
  ],
  desktop: ['开机无显示', 'no display on power up', '硬盘异响', 'hard drive clicking', '电源坏了', 'power supply dead'],
  other: ['无法充电', 'will not charge', '云台抖动', 'gimbal shakes', '一边耳机没声音', 'one earcup silent'],
};

export const CONDITION_NOTES = [
  '',
  '',
  '',
  'scratches on back',
  '边框磨损',
  'small dent on corner',
  '屏幕有划痕',
  'case cracked',
  '后盖有裂纹',
  'screen protector cracked',
  'sticker residue',
];

export const EVENT_NOTES = [
  null,
  null,
  null,
  '客户已确认报价',
  'customer approved the estimate',
  '已联系客户',
  'called customer',
  'part ordered',
  '配件已到',
];

/** The demo shop's staff: one per role, with PINs the seed prints. */
export const DEMO_STAFF = [
  { name: '陈静 Chen Jing', role: 'counter', pin: '1357' },
  { name: '王磊 Wang Lei', role: 'technician', pin: '2468' },
  { name: '赵敏 Zhao Min', role: 'inspector', pin: '3579' },
  { name: 'Grace Liu', role: 'manager', pin: '4680' },
  { name: 'Sam Zhou', role: 'admin', pin: '5791' },
] as const;
