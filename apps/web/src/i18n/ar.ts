import type { Translation } from './en';

import { ar as homeAR } from '../features/home/translations/ar';
import { ar as accountAR } from '../features/account/translations/ar';
import { ar as directoryAR } from '../features/directory/translations/ar';
import { ar as adminAR } from '../features/admin/translations/ar';
import { ar as coordinationAR } from '../features/coordination/translations/ar';
import { ar as notificationsAR } from '../features/notifications/translations/ar';
import { ar as messagingAR } from '../features/messaging/translations/ar';
import { ar as statisticsAR } from '../features/statistics/translations/ar';
import { ar as meetingsAR } from '../features/meetings/translations/ar';
import { ar as helpdeskAR } from '../features/helpdesk/translations/ar';

export const ar: Translation = {
  app: {
    name: 'Liaison',
    tagline:
      'شبكة آمنة لجهات الاتصال في السلطات المركزية المكلفة بطلبات تسليم المطلوبين والمساعدة القانونية المتبادلة والمصادرة بين الدول.',
    skipToContent: 'انتقل إلى المحتوى الرئيسي',
    homeLink: '(الصفحة الرئيسية)',
    networksIntro: 'الشبكات الإقليمية للتعاون القضائي:',
    networkIoc: 'المنصة القضائية للجنة المحيط الهندي',
    networkSahel: 'المنصة القضائية لبلدان الساحل',
    documentTitle: '{{title}} – Liaison',
  },

  nav: {
    main: 'القائمة الرئيسية',
    menu: 'القائمة',
    home: 'الرئيسية',
    myNetworks: 'شبكاتي',
    directory: 'الدليل',
    messages: 'الرسائل',
    unreadMessages: 'غير المقروءة: {{count}}',
    profile: 'الملف الشخصي',
    admin: 'الإدارة',
    coordination: 'التنسيق',
    statistics: 'الإحصاءات',
    meetings: 'الاجتماعات',
    helpdesk: 'مكتب المساعدة',
    language: 'اللغة',
    signIn: 'تسجيل الدخول',
    signOut: 'تسجيل الخروج',
    signingOut: 'جارٍ تسجيل الخروج…',
    signedInAs: 'تم الدخول باسم {{name}} ({{role}})',
  },

  connection: {
    label: 'التحديثات الفورية:',
    online: 'متصل',
    connecting: 'جارٍ الاتصال…',
    reconnecting: 'جارٍ إعادة الاتصال…',
    offline: 'غير متصل',
  },

  roles: {
    admin: 'مدير النظام',
    secretariat: 'الأمانة',
    coordinator: 'منسّق',
    focal_point: 'جهة اتصال',
  },

  userStatus: {
    active: 'نشط',
    suspended: 'موقوف',
  },

  categories: {
    extradition: 'تسليم المطلوبين',
    mla: 'المساعدة القانونية المتبادلة',
    sentenced_persons: 'نقل المحكوم عليهم',
    sea_traffic: 'الاتجار غير المشروع عن طريق البحر',
    sea_migrants: 'تهريب المهاجرين عن طريق البحر',
    firearms: 'الأسلحة النارية',
  },

  channels: {
    diplomatic: 'القناة الدبلوماسية',
    direct: 'الاتصال القضائي المباشر',
    interpol: 'الإنتربول',
    email: 'البريد الإلكتروني',
    platform: 'المنصة الآمنة',
  },

  common: {
    loading: 'جارٍ التحميل…',
    working: 'يرجى الانتظار…',
    retry: 'أعد المحاولة',
    save: 'حفظ',
    cancel: 'إلغاء',
    edit: 'تعديل',
    remove: 'إزالة',
    add: 'إضافة',
    yes: 'نعم',
    no: 'لا',
    none: 'لا يوجد',
    notProvided: 'غير متوفر',
    demo: 'بيانات تجريبية',
    copy: 'نسخ',
    copied: 'تم النسخ إلى الحافظة.',
    copyFailed: 'تعذّر النسخ. حدّد النص وانسخه يدويًا.',
    loadMore: 'عرض المزيد',
    fixErrors: 'بعض الإجابات تحتاج إلى مراجعة. تحقّق من الحقول المشار إليها أدناه.',
    shownOnce: 'انسخه الآن: لن يُعرض مرة أخرى.',
    validUntil: 'صالح حتى {{date}}',
    saved: 'تم الحفظ.',
    field: '{{field}}: {{message}}',
  },

  errors: {
    network: 'تعذّر الوصول إلى المنصة. تحقّق من اتصالك وأعد المحاولة.',
    unexpected: 'حدث خطأ ما. يرجى إعادة المحاولة.',
    forbidden: 'غير مسموح لك بالقيام بهذا الإجراء.',
    notFoundTitle: 'الصفحة غير موجودة',
    notFoundText: 'لا توجد صفحة بهذا العنوان، أو أنها حُذفت.',
    backHome: 'العودة إلى الصفحة الرئيسية',
    signInTitle: 'سجّل الدخول للمتابعة',
    signInText: 'هذه الصفحة مخصّصة لأعضاء الشبكة بعد تسجيل الدخول.',
  },

  ...homeAR,
  ...accountAR,
  ...directoryAR,
  ...adminAR,
  ...coordinationAR,
  ...notificationsAR,
  ...messagingAR,
  ...statisticsAR,
  ...meetingsAR,
  ...helpdeskAR,
};
