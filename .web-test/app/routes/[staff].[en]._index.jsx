import LucideHouseHeart from "lucide-react/dist/esm/icons/house-heart.mjs"
import LucideMessagesSquare from "lucide-react/dist/esm/icons/messages-square.mjs"
import LucideFolderOpen from "lucide-react/dist/esm/icons/folder-open.mjs"
import LucideShieldX from "lucide-react/dist/esm/icons/shield-x.mjs"
import LucideFilePen from "lucide-react/dist/esm/icons/file-pen.mjs"
import LucideSettings from "lucide-react/dist/esm/icons/settings.mjs"
import LucideShieldCheck from "lucide-react/dist/esm/icons/shield-check.mjs"
import LucideLogOut from "lucide-react/dist/esm/icons/log-out.mjs"
import LucideShieldAlert from "lucide-react/dist/esm/icons/shield-alert.mjs"
import LucideLock from "lucide-react/dist/esm/icons/lock.mjs"
import {Box as RadixThemesBox,Button as RadixThemesButton,Callout as RadixThemesCallout,Flex as RadixThemesFlex,Heading as RadixThemesHeading,Link as RadixThemesLink,Text as RadixThemesText} from "@radix-ui/themes"
import {Link as ReactRouterLink} from "react-router"
import {Bare_comp_81c0c0a540f75eb70e900bc00bca2a12_4f0850c0,Cond_comp_34081f9b051ceb0d6ecdf68b146babe1_4f0850c0,Cond_comp_f1dcb57ded6b4c2864de13efcb716dbe_4f0850c0} from "$/app_components/staff_app/index"
import {isNotNullOrUndefined,refs} from "$/utils/state"
import {Fragment,useEffect,useRef} from "react"
import {jsx} from "@emotion/react"





function Component() {
const ref_main = useRef(null); refs["ref_main"] = ref_main;

  return (
    jsx(Fragment,{},jsx(RadixThemesBox,{className:"abri-staff",lang:"en"},jsx("aside",{className:"abri-staff-side"},jsx(RadixThemesFlex,{align:"start",className:"rx-Stack",css:({ ["height"] : "100%" }),direction:"column",gap:"3"},jsx(RadixThemesFlex,{align:"center",className:"rx-Stack",direction:"row",gap:"3"},jsx(LucideHouseHeart,{"aria-hidden":"true",size:22},),jsx(RadixThemesText,{as:"p",size:"5",weight:"bold"},"Abri")),jsx(RadixThemesText,{as:"p",css:({ ["color"] : "#c9dcdc" }),size:"2"},"Staff workspace"),jsx("nav",{"aria-label":"Staff workspace",css:({ ["width"] : "100%" })},jsx("ul",{css:({ ["listStyle"] : "none", ["padding"] : 0, ["margin"] : 0 })},jsx("li",{},jsx(RadixThemesLink,{"aria-current":"page",asChild:true,css:({ ["&:hover"] : ({ ["color"] : "var(--accent-8)" }) })},jsx(ReactRouterLink,{to:"/staff/en"},jsx(RadixThemesFlex,{align:"center",className:"rx-Stack",direction:"row",gap:"3"},jsx(LucideMessagesSquare,{"aria-hidden":"true",size:18},),jsx(RadixThemesText,{as:"p"},"Console"))))),jsx("li",{},jsx(RadixThemesLink,{asChild:true,css:({ ["&:hover"] : ({ ["color"] : "var(--accent-8)" }) })},jsx(ReactRouterLink,{to:"/staff/en/dossiers"},jsx(RadixThemesFlex,{align:"center",className:"rx-Stack",direction:"row",gap:"3"},jsx(LucideFolderOpen,{"aria-hidden":"true",size:18},),jsx(RadixThemesText,{as:"p"},"Cases"))))),jsx("li",{},jsx(RadixThemesLink,{asChild:true,css:({ ["&:hover"] : ({ ["color"] : "var(--accent-8)" }) })},jsx(ReactRouterLink,{to:"/staff/en/retraits"},jsx(RadixThemesFlex,{align:"center",className:"rx-Stack",direction:"row",gap:"3"},jsx(LucideShieldX,{"aria-hidden":"true",size:18},),jsx(RadixThemesText,{as:"p"},"Takedowns"))))),jsx("li",{},jsx(RadixThemesLink,{asChild:true,css:({ ["&:hover"] : ({ ["color"] : "var(--accent-8)" }) })},jsx(ReactRouterLink,{to:"/staff/en/contenus"},jsx(RadixThemesFlex,{align:"center",className:"rx-Stack",direction:"row",gap:"3"},jsx(LucideFilePen,{"aria-hidden":"true",size:18},),jsx(RadixThemesText,{as:"p"},"Content"))))),jsx("li",{},jsx(RadixThemesLink,{asChild:true,css:({ ["&:hover"] : ({ ["color"] : "var(--accent-8)" }) })},jsx(ReactRouterLink,{to:"/staff/en/admin"},jsx(RadixThemesFlex,{align:"center",className:"rx-Stack",direction:"row",gap:"3"},jsx(LucideSettings,{"aria-hidden":"true",size:18},),jsx(RadixThemesText,{as:"p"},"Admin"))))),jsx("li",{},jsx(RadixThemesLink,{asChild:true,css:({ ["&:hover"] : ({ ["color"] : "var(--accent-8)" }) })},jsx(ReactRouterLink,{to:"/staff/en/securite"},jsx(RadixThemesFlex,{align:"center",className:"rx-Stack",direction:"row",gap:"3"},jsx(LucideShieldCheck,{"aria-hidden":"true",size:18},),jsx(RadixThemesText,{as:"p"},"Security"))))))),jsx(RadixThemesFlex,{css:({ ["flex"] : 1, ["justifySelf"] : "stretch", ["alignSelf"] : "stretch" })},),jsx(RadixThemesText,{as:"p",size:"2"},"Signed in: ",jsx(Bare_comp_81c0c0a540f75eb70e900bc00bca2a12_4f0850c0,{},)),jsx("form",{action:"/api/staff/logout",method:"post"},jsx("input",{name:"locale",type:"hidden",value:(isNotNullOrUndefined("en") ? "en" : "")},),jsx(RadixThemesButton,{css:({ ["background"] : "#2f5a61", ["color"] : "#f3f7f7" }),size:"2",type:"submit"},jsx(LucideLogOut,{"aria-hidden":"true",size:16},),"Sign out")),jsx(ReactRouterLink,{css:({ ["color"] : "#e8f1f1" }),lang:"fr",to:"/staff"},"Fran\u00e7ais"))),jsx("main",{className:"abri-staff-main",id:"main",ref:ref_main},jsx(RadixThemesHeading,{as:"h1",css:({ ["marginBottom"] : "0.5rem" }),size:"7"},"Console"),jsx(Fragment,{},jsx(Cond_comp_34081f9b051ceb0d6ecdf68b146babe1_4f0850c0,{},jsx(Fragment,{},jsx(RadixThemesCallout.Root,{color:"amber",css:({ ["icon"] : "shield-alert", ["marginBottom"] : "1rem" })},jsx(RadixThemesCallout.Icon,{},jsx(LucideShieldAlert,{},)),jsx(RadixThemesCallout.Text,{},jsx(RadixThemesLink,{asChild:true,css:({ ["&:hover"] : ({ ["color"] : "var(--accent-8)" }) })},jsx(ReactRouterLink,{to:"/staff/en/securite"},"Turn on two-factor authentication to use your administrator rights."))))),jsx(Fragment,{},))),jsx(Fragment,{},jsx(Cond_comp_f1dcb57ded6b4c2864de13efcb716dbe_4f0850c0,{},jsx(Fragment,{},jsx(RadixThemesFlex,{align:"start",className:"rx-Stack",css:({ ["width"] : "100%" }),direction:"column",gap:"4"},jsx(RadixThemesText,{as:"p",css:({ ["color"] : "#3b4a52" }),size:"3"},"Waiting and ongoing conversations will appear here."))),jsx(Fragment,{},jsx(RadixThemesCallout.Root,{color:"amber",css:({ ["icon"] : "lock" })},jsx(RadixThemesCallout.Icon,{},jsx(LucideLock,{},)),jsx(RadixThemesCallout.Text,{},"Your role does not give access to this page."))))))),jsx("title",{},"Abri \u00b7 Console"),jsx("meta",{content:"favicon.ico",property:"og:image"},))
  )
}
Component.displayName = "Component(staff/en)";

export default Component;
