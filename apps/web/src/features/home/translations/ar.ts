import type { Strings } from '../../../i18n/en';
import type { en } from './en';

export const ar: Strings<typeof en> = {
  home: {
    title: 'الرئيسية',
    heroTitle: 'شبكة آمنة للتعاون القضائي',
    checkingSession: 'جارٍ التحقق من تسجيل دخولك…',
    accountHeading: 'حسابك',
    signIn: 'تسجيل الدخول',
    signInPrompt: 'هل لديك حساب؟',
    notice: 'قيد الإنشاء',
    introHeading: 'ما هو قادم',
    introText:
      'ستوفّر منصة Liaison لجهات الاتصال في الشبكات الإقليمية للتعاون القضائي مكانًا واحدًا وآمنًا للعمل معًا على طلبات التعاون الدولي في المسائل الجنائية.',
    features: {
      threads: {
        title: 'مراسلات آمنة بين جهات الاتصال',
        text: 'تبادل الرسائل والمستندات المتعلقة بقضية مع نظرائك في الدول الأخرى.',
      },
      helpdesk: {
        title: 'مكتب مساعدة للطلبات المتعثّرة',
        text: 'أبلغ عن طلب تسليم أو مساعدة قانونية متبادلة أو مصادرة متعثّر واحصل على المساعدة لدفعه إلى الأمام.',
      },
      meetings: {
        title: 'الاجتماعات',
        text: 'خطّط لاجتماعات الشبكة والمشاورات الثنائية بشأن القضايا وعقدها.',
      },
      directory: {
        title: 'دليل السلطات المختصة',
        text: 'اعثر على السلطة المختصة وجهة الاتصال في كل دولة.',
      },
    },
    myNetworks: 'شبكاتي',
    noNetworks: 'لست عضوًا في أي شبكة بعد. تضيف الأمانة أو أحد المنسّقين الأعضاء.',
    memberStates: 'الدول الأعضاء',
    coordinators: 'المنسّقون',
    memberCount: 'عدد الأعضاء: {{count}}',
    browseNetwork: 'سلطات {{name}}',
    searchHeading: 'البحث عن سلطة',
    searchLabel: 'السلطة أو الدولة',
    searchButton: 'ابحث في الدليل',
  },
  status: {
    heading: 'حالة المنصة',
    checkAgain: 'تحقّق مجددًا',
    components: 'المكوّنات',
    database: 'قاعدة البيانات',
    redis: 'التخزين المؤقت والمراسلة (Redis)',
    up: 'يعمل',
    down: 'متوقف',
    unknown: 'غير معروف',
    loading: 'جارٍ التحقق…',
    ok: 'تعمل',
    error: 'أداء منقوص',
    unreachable: 'يتعذّر الوصول',
    summaryLoading: 'جارٍ الاتصال بالمنصة.',
    summaryOk: 'جميع المكوّنات تستجيب.',
    summaryError: 'مكوّن واحد أو أكثر متوقف. قد لا تتوفّر بعض الوظائف.',
    summaryUnreachable: 'تعذّر الوصول إلى المنصة ({{reason}}). تحقّق من اتصالك وأعد المحاولة.',
    noComponents: 'لم يُبلَّغ عن أي مكوّن.',
    lastChecked: 'آخر تحقق في {{time}}',
  },
};
